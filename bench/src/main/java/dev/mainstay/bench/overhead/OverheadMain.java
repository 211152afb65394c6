package dev.mainstay.bench.overhead;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.bench.harness.CannedServerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * The overhead benchmark's driver ({@code bench/run-overhead.sh}, or {@code mainstay bench overhead}): starts the
 * server in its own JVM, then runs every stack in its own JVM, round after round in a fixed order (raw, bare, full,
 * peers, raw, …), and prints the table of same-round ratios to raw. Writes the report and the raw results under the
 * output folder ({@code bench/target/overhead} by default).
 *
 * <p>Exit status: 0 when every stack completed every round, 1 when any failed (the table is still printed), 2 for
 * bad options.
 */
public final class OverheadMain {
    private OverheadMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        OverheadOptions options;
        try {
            options = OverheadOptions.parse(argv, defaultBenchDir());
        } catch (IllegalArgumentException e) {
            err.println("overhead: " + e.getMessage());
            err.print(OverheadOptions.USAGE);
            return 2;
        }
        if (options.stacks().size() < 2) {
            err.println("overhead: nothing to compare: only " + options.stacks().stream().map(StackDefinition::name)
                    .toList() + " is built; build the bench module (and -Ppeers for the peers) first");
            return 2;
        }
        try {
            return measure(options, out, err);
        } catch (IOException e) {
            err.println("overhead: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("overhead: interrupted");
            return 1;
        }
    }

    private static int measure(OverheadOptions options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Files.createDirectories(options.outDir());
        var results = options.outDir().resolve("results.jsonl");
        Files.deleteIfExists(results);
        var names = options.stacks().stream().map(StackDefinition::name).toList();
        var table = new OverheadTable(names);
        int failures = 0;
        var started = Instant.now();
        var benchClasspath = StackDefinition.ALL.getFirst().classpath(options.benchDir());
        var serverMain = options.server().equals("sim") ? SimServerMain.class.getName()
                : CannedServerMain.class.getName();
        var serverCommand = List.of(ChildJvm.java(), "-Xms512m", "-Xmx1g", "-XX:+UseSerialGC", "-cp", benchClasspath,
                serverMain, "--slow-latency-ms", "1000");
        try (var server = ChildJvm.Server.start(serverCommand, options.outDir().resolve("server.log"),
                Duration.ofSeconds(60))) {
            err.printf("overhead: %s server at %s (slow: %s); %d round(s) of %s%n", options.server(), server.fast(),
                    server.slow(), options.rounds(), names);
            for (int round = 1; round <= options.rounds(); round++) {
                var roundResults = new LinkedHashMap<String, JsonNode>();
                for (var stack : options.stacks()) {
                    err.printf("overhead: round %d/%d, %s%n", round, options.rounds(), stack.name());
                    try {
                        var result = ChildJvm.runStack(command(options, stack, server, round), options.stackTimeout());
                        roundResults.put(stack.name(), result);
                        Files.writeString(results, "{\"round\":" + round + ",\"result\":" + result + "}\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        failures++;
                        err.printf("overhead: round %d, %s failed: %s%n", round, stack.name(), e.getMessage());
                    }
                }
                table.addRound(roundResults);
            }
        }
        var report = report(options, table, Duration.between(started, Instant.now()), failures);
        Files.writeString(options.outDir().resolve("overhead-results.md"), report);
        out.print(report);
        err.println("overhead: report written to " + options.outDir().resolve("overhead-results.md"));
        return failures == 0 ? 0 : 1;
    }

    static List<String> command(OverheadOptions options, StackDefinition stack, ChildJvm.Server server, int round)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(ChildJvm.java());
        command.addAll(options.jvmFlags());
        command.add("-cp");
        command.add(stack.classpath(options.benchDir()));
        command.addAll(stack.main());
        command.addAll(List.of("--base-url", server.fast().toString(), "--slow-base-url", server.slow().toString()));
        command.addAll(options.planArgs());
        if (stack.name().equals(options.jfrStack()) && round == 1) {
            var name = stack.name() + "-" + options.jfrPhase()
                    + (options.profiler().equals("jfr") ? ".jfr" : "-" + options.profiler() + ".collapsed");
            var file = options.outDir().resolve("profiles").resolve(name);
            command.addAll(List.of("--record-phase", options.jfrPhase(), "--record-file", file.toString(),
                    "--record-with", options.profiler()));
        }
        return command;
    }

    static String report(OverheadOptions options, OverheadTable table, Duration took, int failures) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var out = new StringBuilder();
        out.append("# Mainstay overhead: ").append(table.rounds()).append(" round(s)")
                .append(options.quick() ? " (--quick: a smoke run, not a measurement)" : "").append("\n\n");
        out.append("Each figure is the median over rounds of the stack's value divided by raw's value in the same ")
                .append("round (lowest–highest round in brackets); raw is shown in absolute figures.\n\n");
        out.append(table.ratioTable()).append('\n');
        out.append("Absolute medians (they drift with the machine's load; compare ratios):\n\n");
        out.append(table.absoluteTable()).append('\n');
        var verdicts = table.verdicts();
        if (!verdicts.isEmpty()) {
            out.append("Targets:\n\n");
            verdicts.forEach(v -> out.append("- ").append(v).append('\n'));
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "Machine: %d processors, %.1f GiB memory, %s %s; Java %s (%s).%n",
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / 1073741824.0,
                System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version(),
                System.getProperty("java.vendor")));
        out.append("Stack JVM flags: ").append(String.join(" ", options.jvmFlags())).append("; plan: ")
                .append(String.join(" ", options.planArgs())).append("; server: ").append(options.server())
                .append(".\n");
        out.append(String.format(Locale.ROOT, "Took %d min %d s; %d stack run(s) failed.%n", took.toMinutes(),
                took.toSecondsPart(), failures));
        return out.toString();
    }

    /** {@code bench/}: two levels above this class's folder or jar ({@code bench/target/classes}). */
    private static Path defaultBenchDir() {
        var property = System.getProperty("mainstay.bench.dir");
        if (property != null) {
            return Path.of(property);
        }
        try {
            var location = Path.of(OverheadMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            var target = location.getParent();
            return target != null && target.getParent() != null ? target.getParent() : Path.of("bench");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("bench");
        }
    }
}
