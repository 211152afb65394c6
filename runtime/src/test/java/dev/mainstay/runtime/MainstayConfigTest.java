package dev.mainstay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.runtime.config.MainstayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainstayConfigTest {
    @TempDir
    Path home;

    @Test
    void defaultsRunOfflineWithTheNewestSonnet() {
        var config = MainstayConfig.fromEnv(Map.of(), home);

        assertThat(config.offline()).isTrue();
        assertThat(config.model()).startsWith("claude-sonnet-");
        assertThat(config.limits().deadline()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.userId()).isEqualTo("local");
    }

    @Test
    void promptCachingIsAutomaticByDefaultAndABadModeIsListedWithTheOtherProblems() {
        var defaults = MainstayConfig.fromEnv(Map.of(), home).promptCache();
        assertThat(defaults.mode()).isEqualTo(dev.mainstay.promptcache.PromptCacheMode.AUTO);
        assertThat(defaults.policy()).isEqualTo(dev.mainstay.promptcache.PromptCachePolicy.auto(false));
        assertThat(defaults.inLongLivedHost().policy()).isEqualTo(dev.mainstay.promptcache.PromptCachePolicy.auto(true));
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_PROMPT_CACHE", "off"), home).promptCache().policy().isOff())
                .isTrue();

        assertThatThrownBy(() -> MainstayConfig.fromEnv(
                Map.of("MAINSTAY_PROMPT_CACHE", "forever", "MAINSTAY_MAX_STEPS", "0"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(dev.mainstay.config.ConfigProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_PROMPT_CACHE", "'forever'"))
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_MAX_STEPS")));
    }

    @Test
    void routingRulesAreReadAndABadRuleIsListedWithTheOtherProblems() {
        var config = MainstayConfig.fromEnv(Map.of("MAINSTAY_ROUTING", "tenant=acme=claude-haiku-4-5"), home);
        assertThat(config.routing().isEmpty()).isFalse();
        assertThat(MainstayConfig.fromEnv(Map.of(), home).routing().isEmpty()).isTrue();

        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_ROUTING", "tool=web_search"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(dev.mainstay.config.ConfigProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_ROUTING", "tool=web_search")));
    }

    @Test
    void theResponseCacheIsOffByDefaultReadWhenSetAndABadValueIsListedWithTheOtherProblems() {
        assertThat(MainstayConfig.fromEnv(Map.of(), home).responseCache()).isEmpty();
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_RESPONSE_CACHE", "ttl=10m,max=10000"), home)
                .responseCache()).contains(new dev.mainstay.costcontrol.ResponseCacheConfig(
                        java.time.Duration.ofMinutes(10), 10_000));

        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_RESPONSE_CACHE", "ttl=forever",
                "MAINSTAY_MAX_STEPS", "0"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(dev.mainstay.config.ConfigProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_RESPONSE_CACHE", "forever"))
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_MAX_STEPS")));
    }

    @Test
    void theContextBudgetIsOffByDefaultReadWhenSetAndABadValueIsListed() {
        assertThat(MainstayConfig.fromEnv(Map.of(), home).contextBudget()).isEmpty();
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_CONTEXT_BUDGET", "tokens=8000,policy=summarise"), home)
                .contextBudget()).hasValueSatisfying(b -> {
                    assertThat(b.tokens()).isEqualTo(8000);
                    assertThat(b.policy()).isEqualTo(dev.mainstay.journal.Compaction.Policy.SUMMARISE);
                });

        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_CONTEXT_BUDGET", "tokens=lots"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(dev.mainstay.config.ConfigProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_CONTEXT_BUDGET", "lots")));
    }

    @Test
    void theTelemetrySettingsAreKnownAndCheckedWithTheRest() {
        MainstayConfig.fromEnv(Map.of("MAINSTAY_LOG_CONTENT", "true", "MAINSTAY_METRICS_TENANT_LABEL", "false",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), home);

        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_LOG_CONTENT", "sometimes",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "MAINSTAY_METRICS_TENANT_LABLE", "false"), home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(dev.mainstay.config.ConfigProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("MAINSTAY_LOG_CONTENT", "sometimes"))
                        .anySatisfy(m -> assertThat(m).contains("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))
                        .anySatisfy(m -> assertThat(m).contains("did you mean MAINSTAY_METRICS_TENANT_LABEL?")));
    }

    @Test
    void listsEveryProblemAtOnceNamingEachVariable() {
        var env = Map.of(
                "MAINSTAY_MAX_STEPS", "-3",
                "MAINSTAY_RUN_DEADLINE", "soon",
                "MAINSTAY_RETRY_MAX_ATTEMPTS", "0",
                "MAINSTAY_SEARCH_BACKEND", "altavista",
                "MAINSTAY_LOG_FORMAT", "xml",
                "MAINSTAY_LOG_LEVEL", "LOUD",
                "ANTHROPIC_BASE_URL", "ftp://example");

        assertThatThrownBy(() -> MainstayConfig.fromEnv(env, home))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(7);
                    assertThat(e.problems().stream().map(dev.mainstay.config.ConfigProblem::message).collect(java.util.stream.Collectors.joining("\n")))
                            .contains("MAINSTAY_MAX_STEPS", "-3")
                            .contains("MAINSTAY_RUN_DEADLINE", "soon")
                            .contains("MAINSTAY_RETRY_MAX_ATTEMPTS")
                            .contains("MAINSTAY_SEARCH_BACKEND", "altavista")
                            .contains("MAINSTAY_LOG_FORMAT", "xml")
                            .contains("MAINSTAY_LOG_LEVEL", "LOUD")
                            .contains("ANTHROPIC_BASE_URL");
                });
    }

    @Test
    void everyLogLevelIsAcceptedInAnyCase() {
        for (var level : new String[] {"trace", "DEBUG", "Info", "warn", "error", "off"}) {
            MainstayConfig.fromEnv(Map.of("MAINSTAY_LOG_LEVEL", level), home);
        }
    }

    @Test
    void notesGoUnderTheHomeVariableNotThePasswordDatabasesHome(@TempDir Path otherHome) {
        var config = MainstayConfig.fromEnv(Map.of("HOME", otherHome.toString()));

        assertThat(config.tools().notesDb()).isEqualTo(otherHome.resolve(".mainstay/notes.db"));
    }

    @Test
    void notesFollowXdgDataHomeWhenItIsSet(@TempDir Path data) {
        var config = MainstayConfig.fromEnv(Map.of("HOME", home.toString(), "XDG_DATA_HOME", data.toString()));

        assertThat(config.tools().notesDb()).isEqualTo(data.resolve("mainstay/notes.db"));
    }

    @Test
    void aRelativeXdgDataHomeIsIgnoredAsTheSpecificationSays() {
        var config = MainstayConfig.fromEnv(Map.of("HOME", home.toString(), "XDG_DATA_HOME", "relative/dir"));

        assertThat(config.tools().notesDb()).isEqualTo(home.resolve(".mainstay/notes.db"));
    }

    @Test
    void theApiKeyNeverAppearsInTheConfigurationsText() {
        var config = MainstayConfig.fromEnv(Map.of("ANTHROPIC_API_KEY", "fake-key-SECRETSECRET"), home);

        assertThat(config.offline()).isFalse();
        assertThat(config.toString()).doesNotContain("SECRETSECRET");
    }

    @Test
    void pricesCanBeExtendedForModelsTheTableDoesNotKnow() {
        var config = MainstayConfig.fromEnv(Map.of("MAINSTAY_PRICES", "my-model=2/8"), home);

        assertThat(config.prices().priceOf("my-model-v1")).isPresent();
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_PRICES", "nonsense"), home))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("MAINSTAY_PRICES");
    }

    @Test
    void pricesTakeEveryRateAndRuleAndTheTableVersionSaysTheyWereOverridden() {
        var plain = MainstayConfig.fromEnv(Map.of(), home);
        var config = MainstayConfig.fromEnv(Map.of("MAINSTAY_PRICES",
                "claude-mythos-preview=25/125;cache_read=2.5;long_context=200000:2:1.5,my-model=2/8"), home);

        assertThat(plain.prices().version()).isEqualTo("anthropic-2026-12-01");
        assertThat(config.prices().version()).startsWith("anthropic-2026-12-01+sha256:");
        assertThat(config.prices().priceOf("claude-mythos-preview").orElseThrow().cacheReadPerMTok())
                .isEqualByComparingTo("2.5");
        assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_PRICES", "a=1/2;cache_reed=1,b=x"), home))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("MAINSTAY_PRICES")
                .hasMessageContaining("cache_reed=1").hasMessageContaining("'b=x'");
    }

    @Test
    void simulatorLatencyIsOneDurationOrAUniformRange() {
        assertThat(MainstayConfig.fromEnv(Map.of(), home).simLatency().isZero()).isTrue();
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_SIM_LATENCY", "0ms"), home).simLatency().isZero()).isTrue();
        assertThat(MainstayConfig.fromEnv(Map.of("MAINSTAY_SIM_LATENCY", "1s"), home).simLatency())
                .isEqualTo(dev.mainstay.sim.Latency.fixed(Duration.ofSeconds(1)));
        var range = MainstayConfig.fromEnv(Map.of("MAINSTAY_SIM_LATENCY", "200ms..800ms"), home).simLatency();
        assertThat(range.base()).isEqualTo(Duration.ofMillis(200));
        assertThat(range.jitter()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aBadSimulatorLatencyIsReportedWithWhatItMustBe() {
        for (var bad : java.util.List.of("fast", "800ms..200ms", "1s..2s..3s", "-1s")) {
            assertThatThrownBy(() -> MainstayConfig.fromEnv(Map.of("MAINSTAY_SIM_LATENCY", bad), home))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("MAINSTAY_SIM_LATENCY must be a duration like 0ms or 1s, or a range");
        }
    }
}
