package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.chaos.ChaosHarness;
import dev.mainstay.chaos.ChaosProfile;
import dev.mainstay.chaos.ChaosProfileJson;
import dev.mainstay.chaos.ChaosProfiles;
import dev.mainstay.chaos.ChaosReportJson;
import dev.mainstay.chaos.ChaosReportText;
import dev.mainstay.chaos.ChaosSettings;
import dev.mainstay.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the chaos suite: many reference runs at once against the in-process simulator with a named fault profile,
 * then one table (or {@code --json}) with outcomes, retry amplification, latency, breaker transitions and whether
 * the profile's targets were met. Exit code 0 when every target was met, 1 when one was missed, 2 for bad usage.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Run N reference runs concurrently against the built-in simulator with a fault profile and "
                + "report how the reliability policies coped. Never calls a real provider.")
public final class ChaosCommand implements Callable<Integer> {
    /** The largest profile file read. */
    static final long MAX_PROFILE_BYTES = 1024 * 1024;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "A built-in profile: none, overload, outage or flaky-tools.")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE",
            description = "A profile file (see bench/chaos/profiles/), instead of --profile.")
    Path profileFile;

    @Option(names = "--runs", defaultValue = "" + ChaosSettings.DEFAULT_RUNS,
            description = "Runs to make. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--concurrency", defaultValue = "" + ChaosSettings.DEFAULT_CONCURRENCY,
            description = "Runs at a time. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "Start at most this many runs per second (0: start each run as soon as a slot is free). "
                    + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--warmup", defaultValue = "" + ChaosSettings.DEFAULT_WARMUP_RUNS,
            description = "Runs made first without faults and left out of the figures. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--seed", defaultValue = "" + ChaosSettings.DEFAULT_SEED,
            description = "Seed of the simulator's faults and of each run's task and streaming. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--stream-share", defaultValue = "" + ChaosSettings.DEFAULT_STREAM_SHARE,
            description = "Share of runs that stream (0 to 1). Default: ${DEFAULT-VALUE}.")
    double streamShare;

    @Option(names = "--run-deadline", defaultValue = "30s",
            description = "Each run's deadline. Default: ${DEFAULT-VALUE}.")
    String runDeadline;

    @Option(names = "--tool-timeout", defaultValue = "5s",
            description = "Each tool call's timeout. Default: ${DEFAULT-VALUE}.")
    String toolTimeout;

    @Option(names = "--timeout", defaultValue = "15m",
            description = "Cancel whatever still runs after this long. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--primary", defaultValue = ChaosSettings.DEFAULT_PRIMARY,
            description = "Primary model. Default: ${DEFAULT-VALUE}.")
    String primary;

    @Option(names = "--fallback", defaultValue = ChaosSettings.DEFAULT_FALLBACK,
            description = "Fallback model. Default: ${DEFAULT-VALUE}.")
    String fallback;

    @Option(names = "--retry-max-attempts", paramLabel = "N",
            description = "Attempts per model call, the first included (default 4, as MAINSTAY_RETRY_MAX_ATTEMPTS).")
    Integer retryMaxAttempts;

    @Option(names = "--retry-budget-ratio", paramLabel = "R",
            description = "Retries allowed per model call, 0 to 1 (default 0.2, as MAINSTAY_RETRY_BUDGET_RATIO).")
    Double retryBudgetRatio;

    @Option(names = "--model-concurrency-floor", paramLabel = "N",
            description = "Keep the adaptive model concurrency limit at N or above (N >= --concurrency takes it out "
                    + "of play; default: its own minimum, 1).")
    Integer concurrencyFloor;

    @Option(names = "--resume-after-delivery", paramLabel = "N", defaultValue = "0",
            description = "Resume a run from its journal up to N times when a stream failed after delivering text, "
                    + "as a worker would. Default: ${DEFAULT-VALUE}.")
    int resumes;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Option(names = "--print-profile", description = "Print the profile as JSON (the profile file format) and exit.")
    boolean printProfile;

    private final Cli cli;

    public ChaosCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var chosen = profile();
        if (printProfile) {
            cli.out().println(Json.write(ChaosProfileJson.write(chosen)));
            return Main.EXIT_OK;
        }
        var settings = ChaosSettings.defaults(chosen)
                .withRuns(runs, concurrency)
                .withWarmup(warmup)
                .withRate(rate)
                .withSeed(seed)
                .withStreamShare(streamShare)
                .withModels(primary, fallback)
                .withResumesAfterDelivery(resumes)
                .withDeadlines(duration("--run-deadline", runDeadline), duration("--tool-timeout", toolTimeout),
                        duration("--timeout", timeout));
        if (retryMaxAttempts != null || retryBudgetRatio != null) {
            var r = settings.reliability();
            settings = settings.withRetry(retryMaxAttempts != null ? retryMaxAttempts : r.retry().maxAttempts(),
                    retryBudgetRatio != null ? retryBudgetRatio : r.retryBudget().ratio());
        }
        if (concurrencyFloor != null) {
            settings = settings.withModelConcurrencyFloor(concurrencyFloor);
        }
        var report = new ChaosHarness(settings, cli::notice).run();
        if (json) {
            cli.out().println(Json.write(ChaosReportJson.write(report)));
        } else {
            cli.out().print(ChaosReportText.render(report));
        }
        if (!report.targetsMet()) {
            cli.notice("chaos: profile " + chosen.name() + " missed at least one target");
            return Main.EXIT_FAILED;
        }
        return Main.EXIT_OK;
    }

    private ChaosProfile profile() {
        if ((profile == null) == (profileFile == null)) {
            throw new IllegalArgumentException("give exactly one of --profile NAME (" + String.join(", ",
                    ChaosProfiles.NAMES) + ") or --profile-file FILE");
        }
        if (profile != null) {
            return ChaosProfiles.named(profile);
        }
        try {
            if (Files.size(profileFile) > MAX_PROFILE_BYTES) {
                throw new IllegalArgumentException("--profile-file " + profileFile + " is larger than "
                        + MAX_PROFILE_BYTES + " bytes");
            }
            return ChaosProfileJson.read(Files.readString(profileFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("--profile-file " + profileFile + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile-file " + profileFile + ": " + e.getMessage());
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}, read by core's one duration parser. */
    static Duration duration(String option, String value) {
        return Durations.parse(value).orElseThrow(() -> new IllegalArgumentException(
                option + " must be a duration like 500ms, 30s, 2m or 1h, but was '" + value + "'"));
    }
}
