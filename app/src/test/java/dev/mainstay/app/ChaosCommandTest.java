package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.chaos.ChaosProfileJson;
import dev.mainstay.chaos.ChaosProfiles;
import dev.mainstay.chaos.ChaosSettings;
import dev.mainstay.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mainstay chaos}: argument validation (one line, exit 2) and one small run end to end. */
class ChaosCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        // an API key in the environment must not matter: the harness only ever talks to its own simulator
        return Main.run(args, Map.of("ANTHROPIC_API_KEY", "fake-key-must-never-be-used"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownProfileIsOneLineAndExitTwo() {
        int exit = run("chaos", "--profile", "apocalypse");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(stderr()).startsWith("mainstay: unknown chaos profile 'apocalypse'")
                .contains("none, overload, outage, flaky-tools").doesNotContain("\tat ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void theCrashProfileInsideTheJvmPointsToTheCrashSuite() {
        int exit = run("chaos", "--profile", "crash");

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(stderr()).contains("./mainstay chaos --profile crash", "bench/run-crash-suite.sh");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--runs 0                                  | --runs must be between 1 and",
        "--runs 5 --concurrency 6                  | --concurrency must be at most --runs",
        "--stream-share 1.5                        | --stream-share must be between 0 and 1",
        "--run-deadline soon                       | --run-deadline must be a duration like",
        "--run-deadline 5s --tool-timeout 5s       | --tool-timeout must be shorter than --run-deadline",
        "--primary claude-haiku-4-5                | --fallback must differ from --primary",
        "--retry-max-attempts 0                    | maxAttempts",
        "--runs many                               | Invalid value for option '--runs'"
    })
    void badSettingsAreOneLineAndExitTwo(String args, String message) {
        var all = ("chaos --profile none " + args.strip()).split("\\s+");

        int exit = run(all);

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(stderr()).startsWith("mainstay: ").contains(message);
    }

    @Test
    void needsExactlyOneOfAProfileNameOrFile() {
        assertThat(run("chaos")).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr()).contains("give exactly one of --profile NAME");
    }

    @Test
    void aBrokenProfileFileIsNamedInTheError() throws Exception {
        var file = Files.writeString(dir.resolve("broken.json"),
                "{\"name\": \"x\", \"model_faults\": {\"rate_529\": 7}}");

        int exit = run("chaos", "--profile-file", file.toString());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr()).contains("broken.json").contains("rate_529");
        assertThat(run("chaos", "--profile-file", dir.resolve("missing.json").toString())).isEqualTo(Main.EXIT_USAGE);
        assertThat(stderr()).contains("cannot be read (NoSuchFileException)");
    }

    @Test
    void printsAProfileAsTheFileFormat() {
        int exit = run("chaos", "--profile", "flaky-tools", "--print-profile");

        assertThat(exit).isZero();
        assertThat(ChaosProfileJson.read(stdout())).isEqualTo(ChaosProfiles.flakyTools());
    }

    @Test
    void retryAndBreakerSettingsAreProductionsUnlessFlagsSayOtherwise() {
        int exit = run("chaos", "--profile", "none", "--runs", "2", "--concurrency", "1", "--warmup", "0", "--json",
                "--retry-base-delay", "100ms", "--retry-max-delay", "2s", "--attempt-timeout", "5s",
                "--breaker-open", "5s", "--retry-budget-min-per-second", "0.5", "--fallback", "none");

        assertThat(exit).as(stderr()).isZero();
        var doc = Json.parseObject(stdout().strip());
        var settings = doc.path("settings");
        assertThat(settings.path("retry_base_delay_ms").asLong()).isEqualTo(100);
        assertThat(settings.path("retry_max_delay_ms").asLong()).isEqualTo(2000);
        assertThat(settings.path("attempt_timeout_ms").asLong()).isEqualTo(5000);
        assertThat(settings.path("breaker_open_ms").asLong()).isEqualTo(5000);
        assertThat(settings.path("retry_budget_min_per_second").asDouble()).isEqualTo(0.5);
        assertThat(settings.path("differs_from_production")).hasSize(5);
        assertThat(doc.path("endpoints").size()).as("no fallback endpoint").isEqualTo(1);
    }

    @Test
    void aProfilesOwnDefaultsApplyWhenNoFlagSaysOtherwise() {
        int exit = run("chaos", "--profile", "hang", "--runs", "2", "--concurrency", "2", "--json",
                "--run-deadline", "1s");

        // the overrun target is a timing figure: on a loaded machine, without warm-up, it may be missed (exit 1)
        assertThat(exit).as(stderr()).isIn(0, 1);
        var doc = Json.parseObject(stdout().strip());
        assertThat(doc.path("targets").findValuesAsText("target")).contains("worst deadline overrun");
        assertThat(doc.path("settings").path("warmup_runs").asInt()).as("the profile's").isZero();
        assertThat(doc.path("settings").path("run_deadline_ms").asLong()).as("the flag's").isEqualTo(1000);
        // both runs end at the deadline; which layer noticed first (the call's timeout or the loop) varies with load
        int atTheDeadline = 0;
        for (var cause : doc.path("causes").properties()) {
            if (cause.getKey().startsWith("deadline_exceeded")) {
                atTheDeadline += cause.getValue().asInt();
            }
        }
        assertThat(atTheDeadline).as(doc.path("causes").toString()).isEqualTo(2);
    }

    @Test
    void aSmallFaultFreeRunPrintsOneJsonDocumentAndMeetsItsTargets() {
        int exit = run("chaos", "--profile", "none", "--runs", "6", "--concurrency", "3", "--warmup", "0", "--json");

        assertThat(exit).as(stderr()).isZero();
        var doc = Json.parseObject(stdout().strip());
        assertThat(doc.path("runs").path("succeeded").asInt()).isEqualTo(6);
        assertThat(doc.path("calls_per_successful_step").asDouble()).isEqualTo(1.0);
        assertThat(doc.path("finished_rate").asDouble()).isEqualTo(1.0);
        var primary = doc.path("endpoints").path("anthropic:" + ChaosSettings.DEFAULT_PRIMARY);
        assertThat(primary.path("first_attempts").asLong()).isPositive();
        assertThat(primary.path("retries").asLong()).isZero();
        assertThat(primary.has("retries_per_first_attempt")).isTrue();
        assertThat(primary.has("budget_denials")).isTrue();
        assertThat(primary.has("skipped")).isTrue();
        assertThat(doc.path("latency_ms").has("p99")).isTrue();
        assertThat(doc.path("settings").path("differs_from_production")).isEmpty();
        assertThat(doc.path("targets_met").asBoolean()).isTrue();
        assertThat(doc.path("requests_by_model").has(ChaosSettings.DEFAULT_PRIMARY)).isTrue();
        assertThat(stdout() + stderr()).doesNotContain("fake-key-must-never-be-used");
    }
}
