package dev.mainstay.bench.overhead;

import dev.mainstay.bench.harness.Args;
import dev.mainstay.bench.harness.PhaseRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the overhead benchmark runs. Parsed from the command line; every problem is reported at once.
 *
 * @param rounds how many times every stack is measured, each time in a fresh JVM, in the order of
 *     {@link StackDefinition#ALL}
 * @param stacks which stacks run; {@code raw} is always first, every other figure is a ratio to it
 * @param server {@code canned} (the bench's minimal server) or {@code sim} (Mainstay's simulator)
 * @param jfrStack a stack whose measured phase {@code jfrPhase} is recorded in round 1, or null
 * @param profiler what records it: {@code jfr} (Java Flight Recorder), or an async-profiler event ({@code cpu},
 *     {@code itimer}, {@code wall}, {@code alloc}) written as collapsed stacks
 */
record OverheadOptions(
        boolean quick, int rounds, List<StackDefinition> stacks, String server, Path benchDir, Path outDir,
        List<String> jvmFlags, List<String> planArgs, Duration stackTimeout, String jfrStack, String jfrPhase,
        String profiler) {

    /** The same flags for every stack JVM. */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
            "-Dlogback.configurationFile=bench-logback.xml");

    static final List<String> FULL_PLAN = List.of("--warmup-runs", "8000", "--settle-batches", "20", "--runs", "5000",
            "--stream-runs", "1500", "--concurrency", "32", "--concurrent-runs", "10000", "--heap-concurrency", "1000",
            "--heap-samples", "3");
    static final List<String> QUICK_PLAN = List.of("--warmup-runs", "400", "--settle-batches", "0", "--runs", "400",
            "--stream-runs", "200", "--concurrency", "32", "--concurrent-runs", "1000", "--heap-concurrency", "1000",
            "--heap-samples", "1");

    static final int DEFAULT_ROUNDS = 4;

    static final String USAGE = """
            usage: OverheadMain [--quick] [--rounds N] [--stacks raw,mainstay-bare,...] [--server canned|sim]
                                [--bench-dir DIR] [--out DIR] [--jfr STACK] [--jfr-phase c1|c1_stream|concurrent|heap]
                                [--profiler jfr|cpu|itimer|wall|alloc]
              --quick      one short round: a smoke run of the harness, not a measurement
              --rounds     rounds of every stack, each stack in a fresh JVM (default %d)
              --stacks     stacks to run (default: every built one); raw always runs first: it is the baseline
              --server     canned: the bench's minimal Messages API server (default); sim: Mainstay's simulator
              --jfr        record one phase of STACK's JVM (first round) into the output folder's profiles/
              --profiler   what records it: jfr (default), or an async-profiler event: cpu, itimer, wall, alloc
            """.formatted(DEFAULT_ROUNDS);

    static OverheadOptions parse(String[] argv, Path defaultBenchDir) {
        var args = Args.parse(argv);
        var problems = new ArrayList<String>();
        boolean quick = args.flag("quick");
        int rounds = args.integerAtLeast("rounds", quick ? 1 : DEFAULT_ROUNDS, 1);
        var benchDir = Path.of(args.string("bench-dir", defaultBenchDir.toString())).toAbsolutePath().normalize();
        var out = Path.of(args.string("out", benchDir.resolve("target/overhead").toString())).toAbsolutePath();
        var server = args.string("server", "canned");
        if (!server.equals("canned") && !server.equals("sim")) {
            problems.add("--server must be canned or sim, but was '" + server + "'");
        }
        var names = args.list("stacks", List.of());
        var stacks = new ArrayList<StackDefinition>();
        if (names.isEmpty()) {
            StackDefinition.ALL.stream().filter(s -> Files.isRegularFile(s.classpathFile(benchDir))).forEach(stacks::add);
        } else {
            for (var name : StackDefinition.ALL.stream().map(StackDefinition::name).toList()) {
                if (names.contains(name) || name.equals(StackDefinition.RAW)) {
                    stacks.add(StackDefinition.named(name).orElseThrow());
                }
            }
            names.stream().filter(n -> StackDefinition.named(n).isEmpty()).forEach(n -> problems.add(
                    "unknown stack '" + n + "'; known: " + String.join(", ",
                            StackDefinition.ALL.stream().map(StackDefinition::name).toList())));
        }
        var jfrStack = args.string("jfr", null);
        var jfrPhase = args.string("jfr-phase", "c1");
        if (jfrStack != null && StackDefinition.named(jfrStack).isEmpty()) {
            problems.add("--jfr names an unknown stack '" + jfrStack + "'");
        }
        var profiler = args.string("profiler", "jfr");
        if (!PhaseRecorder.RECORDERS.contains(profiler)) {
            problems.add("--profiler must be jfr, cpu, itimer, wall or alloc, but was '" + profiler + "'");
        }
        if (!List.of("c1", "c1_stream", "concurrent", "heap").contains(jfrPhase)) {
            problems.add("--jfr-phase must be c1, c1_stream, concurrent or heap, but was '" + jfrPhase + "'");
        }
        try {
            args.rejectUnknown();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new OverheadOptions(quick, rounds, List.copyOf(stacks), server, benchDir, out, JVM_FLAGS,
                quick ? QUICK_PLAN : FULL_PLAN, Duration.ofMinutes(quick ? 3 : 6), jfrStack, jfrPhase,
                profiler);
    }
}
