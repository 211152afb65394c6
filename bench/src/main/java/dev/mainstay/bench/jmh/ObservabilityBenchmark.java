package dev.mainstay.bench.jmh;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.agent.RunResult;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.stacks.MainstayStack;
import dev.mainstay.bench.stacks.RunScopedJournal;
import dev.mainstay.event.RunListener;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.telemetry.GenAiMetricsInterceptor;
import dev.mainstay.telemetry.Tracing;
import dev.mainstay.time.IdGenerator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
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
 * What observability costs per reference run (two model calls, three tool calls), on the full production stack over
 * an in-memory model, so nothing but Mainstay is measured:
 *
 * <ul>
 *   <li>{@code none}: no run listener and nothing in the TELEMETRY slot;
 *   <li>{@code tracing-off}: what the runtime installs by default — logs, run metrics, GenAI metrics — tracing off
 *       (which installs nothing);
 *   <li>{@code tracing-on}: the same plus every span (run, attempts, tools) through the SDK's batch processor to an
 *       exporter that drops them: the cost inside the process, without the network.
 * </ul>
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main ObservabilityBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
        "-Dlogback.configurationFile=bench-logback.xml"})
public class ObservabilityBenchmark {
    @Param({"none", "tracing-off", "tracing-on"})
    public String observability;

    private final IdGenerator ids = IdGenerator.random();
    private RunScopedJournal journal;
    private AgentLoop loop;
    private AgentSpec agent;
    private Tracing tracing;

    @Setup
    public void setUp() {
        journal = new RunScopedJournal();
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        tracing = observability.equals("tracing-on")
                ? Tracing.with(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()).build(), "bench")
                : Tracing.off();
        var telemetry = new ArrayList<ModelInterceptor>();
        var listeners = new ArrayList<RunListener>();
        if (!observability.equals("none")) {
            tracing.interceptor().ifPresent(telemetry::add);
            telemetry.add(new GenAiMetricsInterceptor(registry));
            listeners.addAll(List.of(new LoggingRunListener(), new MicrometerRunListener(registry)));
            tracing.listener().ifPresent(listeners::add);
        }
        loop = MainstayStack.full(new ReferenceModel(), journal, registry, telemetry, listeners);
        agent = MainstayStack.agent(false);
    }

    @TearDown
    public void tearDown() {
        loop.close();
        tracing.close();
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
