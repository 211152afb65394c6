package dev.mainstay.app.runtime;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.run.RunRequest;
import dev.mainstay.agent.RunResult;
import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.anthropic.AnthropicModelClient;
import dev.mainstay.app.config.MainstayConfig;
import dev.mainstay.event.RunListener;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.openai.OpenAiCompatibleModelClient;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.SchemaValidationInterceptor;
import dev.mainstay.tool.ToolInterceptor;
import dev.mainstay.tool.ToolPipeline;
import dev.mainstay.tool.Toolbox;
import dev.mainstay.tools.ReferenceTools;
import dev.mainstay.tools.ReferenceToolsConfig;
import dev.mainstay.tools.notes.NoteStore;
import dev.mainstay.tools.SearchSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The composition root: builds the reference agent's runtime from configuration, in one readable place.
 *
 * <pre>
 * model call: FallbackModelClient over [primary Claude model, MAINSTAY_FALLBACK_MODELS…, OpenAI-compatible endpoint?]
 *             → per endpoint: breaker → retry → adaptive concurrency → deadline
 *             → AnthropicModelClient (the official SDK, its retries off) → Claude or the built-in simulator
 * tool call:  schema validation → breaker → bulkhead → deadline → tool   (the loop journals the result)
 * </pre>
 *
 * Without an API key it starts the simulator in-process and points the Claude client, the weather tool and the
 * search tool at it, and says so through {@code notices}. Closing the runtime closes everything it opened.
 */
public final class MainstayRuntime implements AutoCloseable {
    private final MainstayConfig config;
    private final Optional<Simulator> simulator;
    private final AnthropicModelClient claude;
    private final NoteStore notes;
    private final AgentLoop loop;
    private final AgentSpec agent;
    private final MeterRegistry metrics;
    private final ReliabilityStack reliability;
    private final IdGenerator ids;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private MainstayRuntime(MainstayConfig config, Consumer<String> notices, List<RunListener> extraListeners,
            MeterRegistry metrics, ReliabilityListener reliabilityListener) {
        this.config = config;
        this.metrics = metrics;
        this.ids = IdGenerator.random();
        var clock = InstantSource.system();
        var toolsConfig = config.tools();
        URI baseUrl = config.anthropicBaseUrl();
        String apiKey;
        if (config.offline()) {
            var sim = Simulator.start(SimulatorConfig.defaults().withSeed(config.simSeed()));
            closeables.add(sim);
            this.simulator = Optional.of(sim);
            baseUrl = sim.baseUrl();
            apiKey = "sim-offline-key";
            toolsConfig = offlineTools(toolsConfig, sim.baseUrl(), config.searchConfigured());
            notices.accept("ANTHROPIC_API_KEY is not set: using the built-in simulator at " + sim.baseUrl()
                    + " (offline; weather and search answer from its stand-ins)");
        } else {
            this.simulator = Optional.empty();
            apiKey = config.apiKey().orElseThrow().value();
        }
        this.claude = new AnthropicModelClient(AnthropicConfig.of(apiKey).withBaseUrl(baseUrl)
                .withDefaultModel(config.model()));
        closeables.add(claude);
        this.notes = ReferenceTools.openNotes(toolsConfig, clock, ids);
        if (notes instanceof AutoCloseable c) {
            closeables.add(c);
        }
        var models = ReliabilityStack.builder(config.reliability())
                .models(config.model(), claude)
                .listener(reliabilityListener)
                .metrics(metrics);
        config.openAiFallback().ifPresent(openAiConfig -> {
            var openAi = new OpenAiCompatibleModelClient(openAiConfig);
            closeables.add(openAi);
            models.endpoint(openAi.name() + ":" + openAiConfig.model(), openAiConfig.model(), openAi);
        });
        this.reliability = models.build();
        var toolInterceptors = new ArrayList<ToolInterceptor>();
        toolInterceptors.add(new SchemaValidationInterceptor());
        toolInterceptors.addAll(reliability.toolInterceptors());
        var builder = AgentLoop.builder(reliability.modelClient())
                .tools(new ToolPipeline(toolInterceptors))
                .prices(config.prices())
                .listener(new LoggingRunListener())
                .listener(new MicrometerRunListener(metrics))
                .listener(new UnpricedModelNotice(notices));
        extraListeners.forEach(builder::listener);
        this.loop = builder.build();
        closeables.add(loop);
        var toolbox = Toolbox.of(ReferenceTools.create(toolsConfig, notes, ReferenceTools.defaultHttpClient()));
        this.agent = ReferenceAgent.spec(config.model(), toolbox, config.limits(), config.stream());
    }

    /** Starts a runtime; {@code notices} receives one-line notices meant for the operator (stderr in the CLI). */
    public static MainstayRuntime start(MainstayConfig config, Consumer<String> notices) {
        return start(config, notices, List.of(), new SimpleMeterRegistry());
    }

    public static MainstayRuntime start(MainstayConfig config, Consumer<String> notices, List<RunListener> listeners,
            MeterRegistry metrics) {
        return start(config, notices, listeners, metrics, ReliabilityListener.NONE);
    }

    /**
     * Like {@link #start(MainstayConfig, Consumer, List, MeterRegistry)}, and also hands every reliability event
     * (breaker transitions, retries, fallbacks, rejections) to {@code reliabilityListener}, which must be thread-safe
     * and must not block. The chaos harness counts with it.
     */
    public static MainstayRuntime start(MainstayConfig config, Consumer<String> notices, List<RunListener> listeners,
            MeterRegistry metrics, ReliabilityListener reliabilityListener) {
        return new MainstayRuntime(config, notices, listeners, metrics, reliabilityListener);
    }

    private static ReferenceToolsConfig offlineTools(ReferenceToolsConfig tools, URI sim, boolean searchConfigured) {
        var world = sim.toString() + "/world";
        var search = searchConfigured ? tools.search() : new SearchSettings.Searxng(URI.create(world + "/searxng"));
        return new ReferenceToolsConfig(URI.create(world + "/geocoding"), URI.create(world + "/forecast"), search,
                tools.toolTimeout(), tools.notesDb());
    }

    /** Runs one task to its end as the configured user. */
    public RunResult run(String task) {
        return run(task, Cancellation.NEVER);
    }

    public RunResult run(String task, Cancellation cancellation) {
        var request = new RunRequest(ids.next("run"), RunRequest.DEFAULT_TENANT, config.userId(), task);
        return loop.run(agent, request, cancellation);
    }

    public AgentSpec agent() {
        return agent;
    }

    public AgentLoop loop() {
        return loop;
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    public ReliabilityStack reliability() {
        return reliability;
    }

    public Optional<Simulator> simulator() {
        return simulator;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // closing is best effort: one failure must not leak the rest
            }
        }
    }
}
