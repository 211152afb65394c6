package dev.mainstay.bench.jmh;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.run.RunRequest;
import dev.mainstay.agent.RunResult;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.stacks.MainstayStack;
import dev.mainstay.bench.stacks.RunScopedJournal;
import dev.mainstay.time.IdGenerator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mainstay's own cost per reference run, with no HTTP and no SDK: the agent loop, wired as the overhead benchmark's
 * {@code mainstay-bare} and {@code mainstay-full} stacks wire it, over an in-memory model. What this measures is what
 * Mainstay adds on top of whatever the provider client costs.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main AgentLoopBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
        "-Dlogback.configurationFile=bench-logback.xml"})
public class AgentLoopBenchmark {
    @Param({"bare", "full"})
    public String variant;

    private final IdGenerator ids = IdGenerator.random();
    private RunScopedJournal journal;
    private AgentLoop loop;
    private AgentSpec agent;

    @Setup
    public void setUp() {
        journal = new RunScopedJournal();
        loop = MainstayStack.loop(new ReferenceModel(),
                MainstayStack.Variant.valueOf(variant.toUpperCase(Locale.ROOT)), journal);
        agent = MainstayStack.agent(false);
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    public RunResult referenceRun() {
        var request = new RunRequest(ids.next("run"), RunRequest.DEFAULT_TENANT, "bench-user", ReferenceRun.TASK);
        try {
            var result = loop.run(agent, request);
            if (result.stopReason() != RunStopReason.COMPLETED) {
                throw new IllegalStateException("the run ended " + result.stopReason());
            }
            return result;
        } finally {
            journal.retire(request.runId());
        }
    }
}
