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
            description = "A built-in profile: none, overload, outage, flaky-tools, sustained-overload, "
                    + "overload-everywhere, rate-limit-storm or hang. Or crash: the crash suite, two serve processes "
                    + "killed and paused under load (./mainstay runs bench/run-crash-suite.sh with the other "
                    + "options, e.g. --db sqlite --runs 2000 --in-flight 1000).")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE",
            description = "A profile file (see bench/chaos/profiles/), instead of --profile.")
    Path profileFile;

    @Option(names = "--runs", description = "Runs to make. Default: the profile's, else "
            + ChaosSettings.DEFAULT_RUNS + ".")
    Integer runs;

    @Option(names = "--concurrency", description = "Runs at a time. Default: the profile's, else "
            + ChaosSettings.DEFAULT_CONCURRENCY + ".")
    Integer concurrency;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Start at most this many runs per second (0: start each run as soon as a slot is free). "
                    + "Default: the profile's, else 0.")
    Double rate;

    @Option(names = "--warmup", description = "Runs made first without faults and left out of the figures. "
            + "Default: the profile's, else " + ChaosSettings.DEFAULT_WARMUP_RUNS + ".")
    Integer warmup;

    @Option(names = "--seed", defaultValue = "" + ChaosSettings.DEFAULT_SEED,
            description = "Seed of the simulator's faults and of each run's task and streaming. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--stream-share", defaultValue = "" + ChaosSettings.DEFAULT_STREAM_SHARE,
            description = "Share of runs that stream (0 to 1). Default: ${DEFAULT-VALUE}.")
    double streamShare;

    @Option(names = "--run-deadline", description = "Each run's deadline. Default: the profile's, else 30s.")
    String runDeadline;

    @Option(names = "--tool-timeout", description = "Each tool call's timeout. Default: 5s (half the run deadline "
            + "when that is shorter).")
    String toolTimeout;

    @Option(names = "--timeout", defaultValue = "15m",
            description = "Cancel whatever still runs after this long. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--primary", defaultValue = ChaosSettings.DEFAULT_PRIMARY,
            description = "Primary model. Default: ${DEFAULT-VALUE}.")
    String primary;

    @Option(names = "--fallback", description = "Fallback model, or 'none'. Default: the profile's, else "
            + ChaosSettings.DEFAULT_FALLBACK + ".")
    String fallback;

    @Option(names = "--retry-base-delay", paramLabel = "DURATION",
            description = "Cap of the first backoff (default 500ms, as MAINSTAY_RETRY_BASE_DELAY).")
    String retryBaseDelay;

    @Option(names = "--retry-max-delay", paramLabel = "DURATION",
            description = "Largest backoff (default 30s, as MAINSTAY_RETRY_MAX_DELAY).")
    String retryMaxDelay;

    @Option(names = "--retry-budget-min-per-second", paramLabel = "R",
            description = "Retry budget floor per endpoint (default 1, as MAINSTAY_RETRY_BUDGET_MIN_PER_SECOND).")
    Double budgetMinPerSecond;

    @Option(names = "--attempt-timeout", paramLabel = "DURATION",
            description = "Timeout of one model attempt (default: the profile's, else 5m, as "
                    + "MAINSTAY_MODEL_ATTEMPT_TIMEOUT).")
    String attemptTimeout;

    @Option(names = "--breaker-open", paramLabel = "DURATION",
            description = "How long breakers stay open (default: the profile's, else 30s, as "
                    + "MAINSTAY_BREAKER_OPEN_DURATION).")
    String breakerOpen;

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
        var base = ChaosSettings.defaults(chosen);
        int runCount = runs != null ? runs : base.runs();
        var deadline = runDeadline != null ? duration("--run-deadline", runDeadline) : base.runDeadline();
        var tool = toolTimeout != null ? duration("--tool-timeout", toolTimeout)
                : base.toolTimeout().compareTo(deadline) < 0 ? base.toolTimeout() : deadline.dividedBy(2);
        var settings = base
                .withRuns(runCount, concurrency != null ? concurrency : Math.min(runCount, base.concurrency()))
                .withWarmup(warmup != null ? warmup : base.warmupRuns())
                .withRate(rate != null ? rate : base.runsPerSecond())
                .withSeed(seed)
                .withStreamShare(streamShare)
                .withModels(primary, fallback != null ? fallback : base.fallbackModel())
                .withResumesAfterDelivery(resumes)
                .withDeadlines(deadline, tool, duration("--timeout", timeout));
        if (retryBaseDelay != null || retryMaxDelay != null) {
            var retry = settings.reliability().retry();
            settings = settings.withBackoff(
                    retryBaseDelay != null ? duration("--retry-base-delay", retryBaseDelay) : retry.baseDelay(),
                    retryMaxDelay != null ? duration("--retry-max-delay", retryMaxDelay) : retry.maxDelay());
        }
        if (budgetMinPerSecond != null) {
            settings = settings.withBudgetMinPerSecond(budgetMinPerSecond);
        }
        if (attemptTimeout != null) {
            settings = settings.withAttemptTimeout(duration("--attempt-timeout", attemptTimeout));
        }
        if (breakerOpen != null) {
            settings = settings.withBreakerOpen(duration("--breaker-open", breakerOpen));
        }
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
