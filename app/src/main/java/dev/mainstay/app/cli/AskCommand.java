package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.app.report.RunReport;
import dev.mainstay.agent.RunResult;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.time.CancellationSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs one task with the reference agent. Exit code 0 when the run completed, 1 when it ended otherwise, 130 / 143
 * when SIGINT / SIGTERM cancelled it (after printing its partial report with stop reason {@code cancelled}).
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Run one task with the reference agent (Claude when ANTHROPIC_API_KEY is set, otherwise the "
                + "built-in simulator).")
public final class AskCommand implements Callable<Integer> {
    /** The longest task accepted, in characters. */
    public static final int MAX_TASK_LENGTH = 20_000;

    @Parameters(index = "0", paramLabel = "TASK", description = "What the agent should do.")
    String task;

    @Option(names = "--json", description = "Print one machine-readable JSON document.")
    boolean json;

    private final Cli cli;
    private final ProcessSignals signals;

    public AskCommand(Cli cli) {
        this(cli, ProcessSignals.none());
    }

    public AskCommand(Cli cli, ProcessSignals signals) {
        this.cli = cli;
        this.signals = signals;
    }

    @Override
    public Integer call() {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("the task must not be empty");
        }
        if (task.length() > MAX_TASK_LENGTH) {
            throw new IllegalArgumentException("the task is " + task.length() + " characters; the limit is "
                    + MAX_TASK_LENGTH);
        }
        var config = MainstayConfig.fromEnv(cli.env());
        // what the user sees of the run is an API response: redacted as the tenant's settings say (secrets by default)
        var redactor = config.security().redaction().forResponses(dev.mainstay.run.RunRequest.DEFAULT_TENANT);
        try (var telemetry = CliTelemetry.start(cli);
                var runtime = MainstayRuntime.start(config, telemetry.options(cli))) {
            var cancellation = new CancellationSource();
            RunResult result;
            try (var scope = signals.cancelOnSignal(cancellation)) {
                result = telemetry.within(() -> runtime.run(task, cancellation,
                            TerminalApprover.of(cli, config.userId())));
            }
            if (json) {
                cli.printJson(RunReport.json(task, result, redactor));
            } else {
                cli.out().print(RunReport.text(task, result, redactor));
            }
            cli.out().flush();
            if (signals.received().isPresent()) {
                cli.notice(signals.receivedName() + ": the run was cancelled (stop reason "
                        + result.stopReason().wire() + ")");
                return signals.exitCode();
            }
            if (!result.stopReason().isSuccess()) {
                cli.notice("the run ended with stop reason " + result.stopReason().wire()
                        + result.error().map(e -> " (" + e.code() + ")").orElse(""));
                return Main.EXIT_FAILED;
            }
            return Main.EXIT_OK;
        }
    }
}
