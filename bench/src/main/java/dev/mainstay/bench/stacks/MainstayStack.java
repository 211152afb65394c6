package dev.mainstay.bench.stacks;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.anthropic.AnthropicModelClient;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.harness.Stack;
import dev.mainstay.bench.harness.StackProcess;
import dev.mainstay.journal.Journal;
import dev.mainstay.model.ModelClient;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.SchemaValidationInterceptor;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.model.ModelChain;
import dev.mainstay.tool.ToolChain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reference run on Mainstay's {@link AgentLoop} and {@link AnthropicModelClient} (the official SDK, its retries
 * off), wired as an application would wire it.
 *
 * <ul>
 *   <li>{@link Variant#BARE}: the loop and the client, nothing optional. The loop still journals every step (in a
 *       per-run {@code InMemoryJournal}), emits run events and prices every call: those are not optional.
 *   <li>{@link Variant#FULL}: every production interceptor Mainstay has. Model calls: circuit breaker → retry (with
 *       retry budget) → adaptive concurrency → deadline, from {@link ReliabilityStack}. Tool calls: schema
 *       validation → breaker → bulkhead, each call bounded by its deadline (which the loop enforces). Listeners: Micrometer run metrics and reliability metrics on a
 *       Prometheus registry, and the logging listener (logging at WARN, so nothing prints).
 * </ul>
 *
 * <p>The adaptive concurrency limiter keeps its defaults except its ceiling and its bound on waiting calls, both
 * raised from 200 to {@value #FULL_MAX_MODEL_CONCURRENCY} so that the 1,000-run memory phase measures runs waiting on the model, not
 * runs queued by the limiter; it still starts at its default limit and grows to the load.
 */
public final class MainstayStack implements Stack {
    static final int FULL_MAX_MODEL_CONCURRENCY = 2048;

    /** How much of Mainstay is switched on. */
    public enum Variant {
        BARE,
        FULL
    }

    private final Variant variant;
    private final AnthropicModelClient claude;
    private final RunScopedJournal journal = new RunScopedJournal();
    private final AgentLoop loop;
    private final AgentSpec agent;
    private final AgentSpec streamingAgent;
    private final IdGenerator ids = IdGenerator.random();

    public MainstayStack(URI baseUrl, Variant variant) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.claude = new AnthropicModelClient(AnthropicConfig.of(ReferenceRun.API_KEY).withBaseUrl(baseUrl)
                .withDefaultModel(ReferenceRun.MODEL));
        this.loop = loop(claude, variant, journal);
        this.agent = agent(false);
        this.streamingAgent = agent(true);
    }

    /** {@code main(variant, options…)}: {@code bare} or {@code full}, then the {@link StackProcess} options. */
    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: MainstayStack bare|full [options]");
        }
        var variant = Variant.valueOf(args[0].toUpperCase(Locale.ROOT));
        StackProcess.main("mainstay-" + args[0].toLowerCase(Locale.ROOT), url -> new MainstayStack(url, variant),
                Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * The agent loop as this stack wires it, over any provider (the JMH benchmark gives it an in-memory model).
     * The caller closes the loop.
     */
    public static AgentLoop loop(ModelClient provider, Variant variant, Journal journal) {
        return switch (variant) {
            case BARE -> AgentLoop.builder(provider).journal(journal).build();
            case FULL -> full(provider, journal);
        };
    }

    /** The reference agent, streaming or not. */
    public static AgentSpec agent(boolean stream) {
        var limits = RunLimits.DEFAULTS.withMaxOutputTokens(ReferenceRun.MAX_TOKENS);
        return new AgentSpec("reference", ReferenceRun.SYSTEM_PROMPT, ReferenceRun.MODEL, BenchTools.toolbox(), limits,
                stream, false);
    }

    private static AgentLoop full(ModelClient provider, Journal journal) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return full(provider, journal, registry, List.of(), List.of(new LoggingRunListener(),
                new MicrometerRunListener(registry)));
    }

    /**
     * The {@link Variant#FULL} wiring with the given TELEMETRY-slot links and run listeners, on {@code registry}
     * (the observability benchmark varies these and nothing else).
     */
    public static AgentLoop full(ModelClient provider, Journal journal, PrometheusMeterRegistry registry,
            List<dev.mainstay.model.ModelInterceptor> telemetry, List<dev.mainstay.event.RunListener> listeners) {
        return full(provider, journal, registry, List.of(), telemetry, listeners);
    }

    /**
     * The {@link Variant#FULL} wiring with {@code budget} in the BUDGET slot as well (the cost-control benchmark
     * varies it and nothing else).
     */
    public static AgentLoop full(ModelClient provider, Journal journal, PrometheusMeterRegistry registry,
            List<dev.mainstay.model.ModelInterceptor> budget, List<dev.mainstay.model.ModelInterceptor> telemetry,
            List<dev.mainstay.event.RunListener> listeners) {
        var defaults = ReliabilityConfig.DEFAULT;
        var config = new ReliabilityConfig(defaults.retry(), defaults.retryBudget(), defaults.modelBreaker(),
                defaults.toolBreaker(), defaults.fallbackModels(), defaults.toolBulkhead(),
                defaults.modelConcurrency().withMaxLimit(FULL_MAX_MODEL_CONCURRENCY)
                        .withMaxWaiters(FULL_MAX_MODEL_CONCURRENCY), defaults.modelAttemptTimeout());
        var reliability = ReliabilityStack.builder(config)
                .endpoints(ReliabilityStack.endpoints(ReferenceRun.MODEL, List.of(), provider))
                .metrics(registry)
                .build();
        // the same chains as the runtime's composition root
        var models = ModelChain.builder(reliability.endpoints(), PriceTable.anthropicDefaults())
                .addAll(ModelChain.Slot.BUDGET, budget)
                .add(ModelChain.Slot.FALLBACK, reliability.fallback())
                .add(ModelChain.Slot.BREAKER, reliability.modelBreaker())
                .add(ModelChain.Slot.RETRY, reliability.retry())
                .add(ModelChain.Slot.CONCURRENCY, reliability.concurrency())
                .add(ModelChain.Slot.DEADLINE, reliability.deadline())
                .addAll(ModelChain.Slot.TELEMETRY, telemetry)
                .build();
        var tools = ToolChain.builder()
                .add(ToolChain.Slot.VALIDATION, new SchemaValidationInterceptor())
                .add(ToolChain.Slot.BREAKER, reliability.toolBreaker())
                .add(ToolChain.Slot.BULKHEAD, reliability.toolBulkhead())
                .build();
        var builder = AgentLoop.builder(models).tools(tools).journal(journal);
        listeners.forEach(builder::listener);
        return builder.build();
    }

    @Override
    public String runOnce(boolean stream) {
        var request = new RunRequest(ids.next("run"), RunRequest.DEFAULT_TENANT, "bench-user", ReferenceRun.TASK);
        try {
            var result = loop.run(stream ? streamingAgent : agent, request);
            if (result.stopReason() != RunStopReason.COMPLETED) {
                throw new IllegalStateException("mainstay-" + variant.name().toLowerCase(Locale.ROOT) + " run ended "
                        + result.stopReason() + result.error().map(e -> ": " + e.code() + " " + e.message()).orElse(""));
            }
            return result.answer();
        } finally {
            journal.retire(request.runId());
        }
    }

    /** Runs whose journal is still held; zero between runs. */
    int journaledRuns() {
        return journal.size();
    }

    @Override
    public void close() {
        loop.close();
        claude.close();
    }
}
