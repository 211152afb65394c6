package dev.mainstay.app;

import dev.mainstay.app.cli.AskCommand;
import dev.mainstay.app.cli.ChaosCommand;
import dev.mainstay.app.cli.Cli;
import dev.mainstay.app.cli.DemoCommand;
import dev.mainstay.app.cli.ChatCommand;
import dev.mainstay.app.cli.KeyCommand;
import dev.mainstay.app.cli.LoadCommand;
import dev.mainstay.app.cli.ProcessSignals;
import dev.mainstay.app.cli.RunsCommand;
import dev.mainstay.app.cli.UsageCommand;
import dev.mainstay.app.cli.ServeCommand;
import dev.mainstay.app.cli.DojoCommand;
import dev.mainstay.app.cli.SimCommand;
import dev.mainstay.app.cli.BudgetCommand;
import dev.mainstay.app.cli.TenantCommand;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.app.console.ConsoleCharset;
import dev.mainstay.app.console.ConsoleStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code mainstay} command line. Errors print one line on stderr and exit non-zero; {@code --verbose} adds the
 * stack trace. Exit codes: 0 success, 1 the work failed, 2 bad usage or configuration, 130 / 143 the run was
 * cancelled by SIGINT (Ctrl-C) / SIGTERM (its partial report is printed first).
 */
@Command(name = "mainstay", mixinStandardHelpOptions = true, version = "mainstay 0.1.0",
        description = "The production runtime for AI agents on the JVM.")
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    private final Cli cli;

    private Main(Cli cli) {
        this.cli = cli;
    }

    /** The exit code of a command whose run SIGINT (Ctrl-C) cancelled. */
    public static final int EXIT_SIGINT = 130;
    /** The exit code of a command whose run SIGTERM cancelled. */
    public static final int EXIT_SIGTERM = 143;

    public static void main(String[] args) {
        var env = System.getenv();
        LogSetup.configure(env, args);
        var charset = ConsoleCharset.forStdout(env);
        var out = ConsoleStream.of(new FileOutputStream(FileDescriptor.out), charset);
        var err = ConsoleStream.of(new FileOutputStream(FileDescriptor.err), charset);
        System.setOut(out);
        System.setErr(err);
        // Ctrl-C and SIGTERM cancel the run in progress, which then prints its partial report (ProcessSignals);
        // serve installs its own handlers: a signal drains the node
        var signals = ProcessSignals.install();
        System.exit(run(args, env, System.in, out, err, signals));
    }

    /** Runs the command line with the given environment and streams, stdin empty; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, java.io.InputStream.nullInputStream(), out, err, ProcessSignals.none());
    }

    /** Runs the command line with the given environment and streams; returns the exit code. Never throws. */
    public static int run(String[] args, Map<String, String> env, java.io.InputStream in, PrintStream out,
            PrintStream err) {
        return run(args, env, in, out, err, ProcessSignals.none());
    }

    /** As {@link #run(String[], Map, java.io.InputStream, PrintStream, PrintStream)}, runs cancelled by {@code signals}. */
    public static int run(String[] args, Map<String, String> env, java.io.InputStream in, PrintStream out,
            PrintStream err, ProcessSignals signals) {
        var cli = new Cli(env, in, out, err);
        var main = new Main(cli);
        var commandLine = new CommandLine(main)
                .addSubcommand("demo", new DemoCommand(cli, signals))
                .addSubcommand("ask", new AskCommand(cli, signals))
                .addSubcommand("sim", new SimCommand(cli))
                .addSubcommand("chaos", new ChaosCommand(cli))
                .addSubcommand("serve", new ServeCommand(cli))
                .addSubcommand("load", new LoadCommand(cli))
                .addSubcommand("chat", new ChatCommand(cli))
                .addSubcommand("tenant", TenantCommand.commandLine(cli))
                .addSubcommand("key", KeyCommand.commandLine(cli))
                .addSubcommand("budget", BudgetCommand.commandLine(cli))
                .addSubcommand("runs", RunsCommand.commandLine(cli))
                .addSubcommand("usage", new UsageCommand(cli))
                .addSubcommand("dojo", new DojoCommand(cli));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, out.charset()), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, err.charset()), true));
        commandLine.setParameterExceptionHandler((ex, a) -> {
            err.println("mainstay: " + ex.getMessage() + " (see 'mainstay --help')");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
            err.println("mainstay: " + dev.mainstay.redact.Redactor.secrets().redact(oneLine(ex)));
            if (main.verbose || isVerbose(args)) {
                var trace = new java.io.StringWriter();
                ex.printStackTrace(new java.io.PrintWriter(trace));
                err.print(dev.mainstay.redact.Redactor.secrets().redact(trace.toString()));
            }
            return ex instanceof InvalidConfigException || ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILED;
        });
        return commandLine.execute(args);
    }

    private static boolean isVerbose(String[] args) {
        for (var a : args) {
            if (a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(Throwable e) {
        var message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public void run() {
        cli.out().println(new CommandLine(this).getUsageMessage());
    }
}
