package dev.mainstay.bench.jmh;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.agent.RunResult;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.stacks.MainstayStack;
import dev.mainstay.bench.stacks.RunScopedJournal;
import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.InMemoryBudgets;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.costcontrol.BudgetInterceptor;
import dev.mainstay.costcontrol.BudgetPolicy;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.time.Sleeper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * What budget enforcement costs per reference run (two model calls, three tool calls) on the full production stack
 * over an in-memory model, so nothing but Mainstay is measured:
 *
 * <ul>
 *   <li>{@code none}: no BUDGET link;
 *   <li>{@code budgets}: the BUDGET link over the in-memory budgets with a tenant daily and monthly and a user daily
 *       limit that every call reserves against and settles: worst-case pricing, three counters per call, the settle.
 * </ul>
 *
 * The store-backed budgets and the ledger add database statements to a run (one reserving and one settling
 * transaction per model call; one INSERT per billed attempt inside the journal append's transaction): their cost is
 * database latency, measured by the budget race and the server load benchmarks, not here.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" org.openjdk.jmh.Main CostControlBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
        "-Dlogback.configurationFile=bench-logback.xml"})
public class CostControlBenchmark {
    @Param({"none", "budgets"})
    public String costControl;

    private final IdGenerator ids = IdGenerator.random();
    private RunScopedJournal journal;
    private AgentLoop loop;
    private AgentSpec agent;

    @Setup
    public void setUp() {
        journal = new RunScopedJournal();
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var budget = new ArrayList<ModelInterceptor>();
        if (costControl.equals("budgets")) {
            var budgets = new InMemoryBudgets();
            var clock = InstantSource.system();
            var plenty = Optional.of(new BigDecimal("1000000"));
            budgets.setLimit(RunRequest.DEFAULT_TENANT, BudgetKey.TENANT, BudgetPeriod.DAILY, plenty, clock.instant());
            budgets.setLimit(RunRequest.DEFAULT_TENANT, BudgetKey.TENANT, BudgetPeriod.MONTHLY, plenty,
                    clock.instant());
            budgets.setLimit(RunRequest.DEFAULT_TENANT, "bench-user", BudgetPeriod.DAILY, plenty, clock.instant());
            budget.add(new BudgetInterceptor(budgets, PriceTable.anthropicDefaults(), Set.of(ReferenceRun.MODEL),
                    BudgetPolicy.DEFAULTS, clock, Sleeper.system(), registry));
        }
        loop = MainstayStack.full(new ReferenceModel(), journal, registry, budget, List.of(), List.of());
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
