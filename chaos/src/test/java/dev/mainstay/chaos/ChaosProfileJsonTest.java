package dev.mainstay.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ChaosProfileJsonTest {
    static final java.util.List<String> NAMES = ChaosProfiles.NAMES;

    @ParameterizedTest
    @FieldSource("NAMES")
    void everyBuiltInProfileSurvivesTheFileFormat(String name) {
        var profile = ChaosProfiles.named(name);

        assertThat(ChaosProfileJson.read(Json.write(ChaosProfileJson.write(profile)))).isEqualTo(profile);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void theCommittedProfileFilesAreTheBuiltInProfiles(String name) throws IOException {
        var file = Path.of("..", "bench", "chaos", "profiles", name + ".json");

        assertThat(ChaosProfileJson.read(Files.readString(file))).isEqualTo(ChaosProfiles.named(name));
    }

    @Test
    void theOverloadProfileIsTheOneTheIssueAsksFor() {
        var faults = ChaosProfiles.overload().modelFaults();

        assertThat(faults.rate529()).isEqualTo(0.20);
        assertThat(faults.rate429()).isEqualTo(0.05);
        assertThat(faults.retryAfter()).isPositive();
        assertThat(faults.midStreamOverloadRate()).isEqualTo(0.02);
        assertThat(faults.hangRate()).isEqualTo(0.01);
        assertThat(ChaosProfiles.outage().outage()).hasValueSatisfying(o -> {
            assertThat(o.faults().rate529()).isEqualTo(1.0);
            assertThat(o.window()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(ChaosProfiles.flakyTools().worldFaults().weather().failureRate()).isEqualTo(0.30);
        assertThat(ChaosProfiles.flakyTools().worldFaults().search().hangRate()).isEqualTo(0.05);
    }

    @Test
    void readsAMinimalProfileWithZeroDefaults() {
        var profile = ChaosProfileJson.read("{\"name\":\"tiny\",\"model_faults\":{\"rate_529\":0.5}}");

        assertThat(profile.modelFaults().rate529()).isEqualTo(0.5);
        assertThat(profile.scope()).isEqualTo(ChaosProfile.Scope.ALL_MODELS);
        assertThat(profile.outage()).isEmpty();
        assertThat(profile.targets()).isEqualTo(ChaosTargets.NONE);
    }

    @Test
    void readsAWindowOnAnyEndpointTheNewTargetsAndTheProfilesDefaults() {
        var profile = ChaosProfileJson.read("""
                {"name":"storm","outage":{"start_after_ms":1000,"window_ms":2000,"target":"all",
                  "faults":{"rate_429":1.0,"retry_after_ms":20000}},
                 "targets":{"max_retries_per_first_attempt":0.25,"max_latency_p99_ms":3000,
                  "max_probes_per_retry_after":1,"every_run_ends_as":"completed"},
                 "defaults":{"runs":200,"concurrency":20,"runs_per_second":4,"attempt_timeout_ms":5000,
                  "no_fallback":true}}""");

        assertThat(profile.outage().orElseThrow().target()).isEqualTo(ChaosProfile.Target.ALL);
        assertThat(profile.targets().maxRetriesPerFirstAttempt()).hasValue(0.25);
        assertThat(profile.targets().maxLatencyP99()).contains(Duration.ofSeconds(3));
        assertThat(profile.targets().maxProbesPerRetryAfter()).hasValue(1.0);
        assertThat(profile.targets().everyRunEndsAs()).contains("completed");
        var settings = ChaosSettings.defaults(profile);
        assertThat(settings.runs()).isEqualTo(200);
        assertThat(settings.concurrency()).isEqualTo(20);
        assertThat(settings.runsPerSecond()).isEqualTo(4.0);
        assertThat(settings.reliability().modelAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.hasFallback()).isFalse();
        assertThat(settings.reliability().fallbackModels()).isEmpty();
        assertThat(settings.reliability().retry()).as("production backoff")
                .isEqualTo(dev.mainstay.reliability.ReliabilityConfig.DEFAULT.retry());
    }

    @Test
    void listsEveryProblemOfAProfileFileAtOnce() {
        var json = """
                {"name": "bad", "surprise": 1,
                 "model_faults": {"rate_529": 1.5, "scope": "everyone", "latency": {"base_ms": -1}},
                 "world_faults": {"weather": {"failure_rate": 0.8, "hang_rate": 0.8}},
                 "outage": {"window_ms": 0},
                 "targets": {"min_success_rate": 2}}
                """;

        assertThatThrownBy(() -> ChaosProfileJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'surprise'")
                .hasMessageContaining("model_faults.rate_529")
                .hasMessageContaining("scope must be 'all' or 'primary'")
                .hasMessageContaining("base_ms")
                .hasMessageContaining("world_faults.weather")
                .hasMessageContaining("outage.window must be positive")
                .hasMessageContaining("minSuccessRate");
    }

    @Test
    void refusesSomethingThatIsNotAJsonObject() {
        assertThatThrownBy(() -> ChaosProfileJson.read("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ChaosProfileJson.read("{}")).hasMessageContaining("name must be a string");
    }
}
