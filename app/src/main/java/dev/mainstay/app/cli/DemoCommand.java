package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.app.report.RunReport;
import dev.mainstay.agent.RunResult;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.runtime.ReferenceAgent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the reference agent on three tasks and prints what it did for each: answer, steps, tokens, cost, time. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the reference agent on three example tasks (offline on the built-in simulator unless "
                + "ANTHROPIC_API_KEY is set).")
public final class DemoCommand implements Callable<Integer> {
    /** The demo's tasks: the reference agent's examples. */
    public static final List<String> TASKS = ReferenceAgent.EXAMPLE_TASKS;

    @Option(names = "--json", description = "Print one JSON document per task instead of text.")
    boolean json;

    private final Cli cli;
    private final ProcessSignals signals;

    public DemoCommand(Cli cli) {
        this(cli, ProcessSignals.none());
    }

    public DemoCommand(Cli cli, ProcessSignals signals) {
        this.cli = cli;
        this.signals = signals;
    }

    @Override
    public Integer call() {
        var config = MainstayConfig.fromEnv(cli.env());
        boolean allCompleted = true;
        // what the user sees of the run is an API response: redacted as the tenant's settings say (secrets by default)
        var redactor = config.security().redaction().forResponses(dev.mainstay.run.RunRequest.DEFAULT_TENANT);
        try (var telemetry = CliTelemetry.start(cli);
                var runtime = MainstayRuntime.start(config, telemetry.options(cli))) {
            int n = 0;
            for (var task : TASKS) {
                var cancellation = new CancellationSource();
                RunResult result;
                try (var scope = signals.cancelOnSignal(cancellation)) {
                    result = telemetry.within(() -> runtime.run(task, cancellation,
                            TerminalApprover.of(cli, config.userId())));
                }
                allCompleted &= result.stopReason().isSuccess();
                if (json) {
                    cli.printJson(RunReport.json(task, result, redactor));
                } else {
                    cli.out().println("── Task " + (++n) + " of " + TASKS.size() + " ──────────────────────────");
                    cli.out().print(RunReport.text(task, result, redactor));
                    cli.out().println();
                }
                if (signals.received().isPresent()) {
                    cli.out().flush();
                    cli.notice(signals.receivedName() + ": the demo was cancelled; the tasks after this one did not run");
                    return signals.exitCode();
                }
            }
        }
        return allCompleted ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
