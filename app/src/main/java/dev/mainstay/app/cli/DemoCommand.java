package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.app.report.RunReport;
import dev.mainstay.runtime.MainstayRuntime;
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

    public DemoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var config = MainstayConfig.fromEnv(cli.env());
        boolean allCompleted = true;
        // what the user sees of the run is an API response: redacted as the tenant's settings say (secrets by default)
        var redactor = config.security().redaction().forResponses(dev.mainstay.run.RunRequest.DEFAULT_TENANT);
        try (var runtime = MainstayRuntime.start(config, cli::notice)) {
            int n = 0;
            for (var task : TASKS) {
                var result = runtime.run(task, dev.mainstay.time.Cancellation.NEVER,
                    TerminalApprover.of(cli, config.userId()));
                allCompleted &= result.stopReason().isSuccess();
                if (json) {
                    cli.printJson(RunReport.json(task, result, redactor));
                } else {
                    cli.out().println("── Task " + (++n) + " of " + TASKS.size() + " ──────────────────────────");
                    cli.out().print(RunReport.text(task, result, redactor));
                    cli.out().println();
                }
            }
        }
        return allCompleted ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
