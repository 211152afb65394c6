package dev.mainstay.runtime;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.agent.RunControl;
import dev.mainstay.agent.RunResult;
import dev.mainstay.approval.Approvals;
import dev.mainstay.journal.Journal;
import dev.mainstay.policy.PolicyInterceptor;
import dev.mainstay.redact.RedactingJournal;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.runtime.config.SecurityConfig;
import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.anthropic.AnthropicModelClient;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mainstay.costcontrol.ContextBudget;
import dev.mainstay.costcontrol.HistoryCompactor;
import dev.mainstay.costcontrol.BudgetInterceptor;
import dev.mainstay.costcontrol.ModelRouter;
import dev.mainstay.costcontrol.ModelSummariser;
import dev.mainstay.costcontrol.ResponseCacheInterceptor;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelChain.Slot;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.telemetry.ContentLogInterceptor;
import dev.mainstay.redact.Redactor;
import dev.mainstay.telemetry.GenAiMetricsInterceptor;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.openai.OpenAiCompatibleModelClient;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.run.RunRequest;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Latency;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Durations;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.SchemaValidationInterceptor;
import dev.mainstay.tool.ToolChain;
import dev.mainstay.tool.Toolbox;
import dev.mainstay.tools.ReferenceTools;
import dev.mainstay.tools.ReferenceToolsConfig;
import dev.mainstay.tools.SearchSettings;
import dev.mainstay.tools.notes.NoteStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composition root: builds the reference agent's runtime from configuration. Both call chains are written here,
 * once, in the order calls take them:
 *
 * <pre>
 * model call: budget → [cache] → [routing] → fallback → breaker → retry → concurrency → deadline → telemetry → endpoint (priced inside the chain)
 *             endpoints: [primary Claude model, MAINSTAY_FALLBACK_MODELS…, OpenAI-compatible endpoint?]
 *             Claude: AnthropicModelClient, the official SDK with its retries off → Claude or the built-in simulator
 * tool call:  policy → validation → breaker → bulkhead → tool   (the loop journals the policy's verdict, the intent
 *             and the outcome, and enforces min(tool timeout, run deadline))
 * </pre>
 *
 * Budget, cache, routing and telemetry (model side) have their named slots; a new concern is
 * one line in {@link #modelChain} or {@link #toolChain} and one class. Without an API key it starts the simulator
 * in-process and points the Claude client, the weather tool and the search tool at it, and says so through the
 * notices. Closing the runtime closes everything it opened.
 */
public final class MainstayRuntime implements AutoCloseable {
    private final MainstayConfig config;
    private final Optional<Simulator> simulator;
    private final NoteStore notes;
    private final AgentLoop loop;
    private final AgentSpec agent;
    private final MeterRegistry metrics;
    private final ReliabilityStack reliability;
    private final ModelChain modelChain;
    private final IdGenerator ids;
    private final Journal journal;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private MainstayRuntime(MainstayConfig config, RuntimeOptions options) {
        this.config = config;
        this.metrics = options.metrics();
        this.ids = IdGenerator.random();
        var clock = InstantSource.system();
        var notices = options.notices();
        var toolsConfig = config.tools();
        URI baseUrl = config.anthropicBaseUrl();
        String apiKey;
        if (config.offline()) {
            var sim = Simulator.start(SimulatorConfig.defaults().withSeed(config.simSeed())
                    .withFaults(FaultProfile.NONE.withLatency(config.simLatency())));
            closeables.add(sim);
            this.simulator = Optional.of(sim);
            baseUrl = sim.baseUrl();
            apiKey = "sim-offline-key";
            toolsConfig = offlineTools(toolsConfig, sim.baseUrl(), config.searchConfigured());
            notices.accept("ANTHROPIC_API_KEY is not set: using the built-in simulator at " + sim.baseUrl()
                    + " (offline; weather and search answer from its stand-ins"
                    + (config.simLatency().isZero() ? "" : "; " + describe(config.simLatency()) + " per model call")
                    + ")");
        } else {
            this.simulator = Optional.empty();
            apiKey = config.apiKey().orElseThrow().value();
        }
        var claude = new AnthropicModelClient(AnthropicConfig.of(apiKey).withBaseUrl(baseUrl)
                .withDefaultModel(config.model()).withPromptCache(config.promptCache().policy()));
        closeables.add(claude);
        if (options.notes().isPresent()) {
            this.notes = options.notes().get();
        } else {
            var local = ReferenceTools.openNotes(toolsConfig, clock, ids);
            closeables.add(local);
            this.notes = local;
        }
        var endpoints = new ArrayList<>(ReliabilityStack.endpoints(config.model(),
                config.reliability().fallbackModels(), claude));
        config.openAiFallback().ifPresent(openAiConfig -> {
            var openAi = new OpenAiCompatibleModelClient(openAiConfig);
            closeables.add(openAi);
            endpoints.add(new ModelEndpoint(openAi.name() + ":" + openAiConfig.model(), openAiConfig.model(), openAi));
        });
        this.reliability = ReliabilityStack.builder(config.reliability())
                .endpoints(endpoints)
                .listener(options.reliabilityListener())
                .metrics(metrics)
                .build();
        this.modelChain = modelChain(reliability, config, options, telemetry(options, metrics), metrics, clock);
        var security = config.security();
        this.journal = security.redaction().storesAnythingRedacted()
                ? new RedactingJournal(options.journal(), security.redaction()) : options.journal();
        var builder = AgentLoop.builder(modelChain)
                .tools(toolChain(reliability, security))
                .journal(journal)
                .listener(new LoggingRunListener())
                .listener(new MicrometerRunListener(metrics, options.telemetry().tenantLabel()))
                .listener(new UnpricedModelNotice(notices));
        config.contextBudget().ifPresent(budget -> builder.compactor(compactor(budget, modelChain)));
        options.tracing().listener().ifPresent(builder::listener);
        options.listeners().forEach(builder::listener);
        this.loop = builder.build();
        closeables.add(loop);
        var toolbox = Toolbox.of(ReferenceTools.create(toolsConfig, notes, ReferenceTools.defaultHttpClient()));
        this.agent = ReferenceAgent.spec(config.model(), toolbox, config.limits(), config.stream(), security)
                .withThinkingBudget(config.thinkingBudget());
    }

    /** THE model-call chain, in slot order. */
    private static ModelChain modelChain(ReliabilityStack reliability, MainstayConfig config, RuntimeOptions options,
            List<ModelInterceptor> telemetry, MeterRegistry metrics, InstantSource clock) {
        var chain = ModelChain.builder(reliability.endpoints(), config.prices());
        // the worst case is priced at the dearest model a later link may send the call to
        var laterModels = new java.util.LinkedHashSet<String>();
        laterModels.add(config.model()); // the primary endpoint sends the request's model: the agent's, unless routed
        reliability.endpoints().stream().map(ModelEndpoint::model).filter(m -> !m.isEmpty()).forEach(laterModels::add);
        config.routing().rules().forEach(rule -> laterModels.add(rule.model()));
        chain.add(Slot.BUDGET, new BudgetInterceptor(options.budgets(), config.prices(), laterModels,
                config.budgets(), clock, dev.mainstay.time.Sleeper.system(), metrics));
        config.responseCache().ifPresent(cache -> chain.add(Slot.CACHE,
                new ResponseCacheInterceptor(cache, Ticker.systemTicker(), metrics)));
        if (!config.routing().isEmpty()) {
            chain.add(Slot.ROUTING, new ModelRouter(config.routing(), metrics));
        }
        return chain
                .add(Slot.FALLBACK, reliability.fallback())
                .add(Slot.BREAKER, reliability.modelBreaker())
                .add(Slot.RETRY, reliability.retry())
                .add(Slot.CONCURRENCY, reliability.concurrency())
                .add(Slot.DEADLINE, reliability.deadline())
                .addAll(Slot.TELEMETRY, telemetry)
                .build();
    }

    /**
     * Context compaction by {@code budget}; a summary goes through the model chain itself, so it is budgeted,
     * retried and priced like any call (it never meets the response cache: the summariser does not opt in).
     */
    private static HistoryCompactor compactor(ContextBudget budget, ModelChain chain) {
        var summariser = budget.policy() == dev.mainstay.journal.Compaction.Policy.SUMMARISE
                ? Optional.<dev.mainstay.context.Summariser>of(new ModelSummariser(chain, budget.summaryModel(),
                        budget.summaryTokens()))
                : Optional.<dev.mainstay.context.Summariser>empty();
        return new HistoryCompactor(budget, summariser);
    }

    /**
     * The TELEMETRY slot, innermost: it sees every attempt. Spans (when tracing is on), the GenAI client metrics, and
     * — only with {@code MAINSTAY_LOG_CONTENT=true} — the content log, through the redactor.
     */
    private static List<ModelInterceptor> telemetry(RuntimeOptions options, MeterRegistry metrics) {
        var links = new ArrayList<ModelInterceptor>();
        options.tracing().interceptor().ifPresent(links::add);
        links.add(new GenAiMetricsInterceptor(metrics));
        if (options.telemetry().logContent()) {
            // secrets and personal data out, always: the security module's redactor, every kind it knows
            links.add(new ContentLogInterceptor(Redactor.all()::redact));
        }
        return links;
    }

    /** THE tool-call chain, in slot order. */
    private static ToolChain toolChain(ReliabilityStack reliability, SecurityConfig security) {
        var chain = ToolChain.builder();
        if (security.policy()) {
            chain.add(ToolChain.Slot.POLICY, new PolicyInterceptor());
        }
        return chain
                .add(ToolChain.Slot.VALIDATION, new SchemaValidationInterceptor())
                .add(ToolChain.Slot.BREAKER, reliability.toolBreaker())
                .add(ToolChain.Slot.BULKHEAD, reliability.toolBulkhead())
                .build();
    }

    /** Starts a runtime; {@code notices} receives one-line notices meant for the operator (stderr in the CLI). */
    public static MainstayRuntime start(MainstayConfig config, java.util.function.Consumer<String> notices) {
        return start(config, RuntimeOptions.defaults().withNotices(notices));
    }

    public static MainstayRuntime start(MainstayConfig config, RuntimeOptions options) {
        return new MainstayRuntime(config, options);
    }

    private static String describe(Latency latency) {
        return latency.jitter().isZero() ? Durations.format(latency.base())
                : Durations.format(latency.base()) + ".." + Durations.format(latency.base().plus(latency.jitter()));
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
        return run(task, cancellation, Approver.denyAll("runtime:no-approver"));
    }

    /**
     * Runs one task; each time the run pauses awaiting approval, asks {@code approver} about every pending call,
     * journals the answers and resumes the run — the same durable path the service takes, in one process.
     */
    public RunResult run(String task, Cancellation cancellation, Approver approver) {
        var request = new RunRequest(ids.next("run"), RunRequest.DEFAULT_TENANT, config.userId(), task);
        var control = RunControl.of(request.runId(), cancellation);
        var result = loop.run(agent, request, control);
        // each round settles at least one call, and a run makes at most maxSteps answers
        int rounds = 0;
        while (result.stopReason() == RunStopReason.AWAITING_APPROVAL && rounds++ < MAX_APPROVAL_ROUNDS) {
            for (var pending : Approvals.pending(journal, request.runId())) {
                Approvals.decide(journal, control.fence(), approver.decide(pending), InstantSource.system());
            }
            result = loop.run(agent, request, control);
        }
        return result;
    }

    /** The most times one {@link #run(String, Cancellation, Approver)} asks and resumes. */
    public static final int MAX_APPROVAL_ROUNDS = 64;

    public Journal journal() {
        return journal;
    }

    public AgentSpec agent() {
        return agent;
    }

    public AgentLoop loop() {
        return loop;
    }

    public ModelChain modelChain() {
        return modelChain;
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

    public NoteStore notes() {
        return notes;
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
