package dev.mainstay.agent;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.event.RunEvents;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.RunStarted;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.Journal;
import dev.mainstay.model.ModelClient;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import dev.mainstay.tool.ToolPipeline;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.MDC;

/**
 * The agent loop: ask the model, run the tools it asked for, feed the results back, until the model ends its turn
 * or a limit, a cancellation or a failure ends the run. Every production concern lives in the model and tool
 * chains it is given; the loop only dispatches.
 *
 * <p>Thread-safe: one loop serves many concurrent runs. A run executes on its caller's thread, with no hand-off:
 * model calls block that thread and are aborted on cancellation by the provider client (the {@link ModelClient}
 * contract); tool calls run as their tools declare ({@link dev.mainstay.tool.ToolExecution}). A run whose journal already holds steps resumes after them. {@link #run}
 * never throws for an expected outcome: limits, cancellation and provider failures end in a {@link RunResult}.
 */
public final class AgentLoop implements AutoCloseable {
    /** While a run executes, its id is in the SLF4J MDC under this key on every thread working for it. */
    public static final String RUN_ID_MDC_KEY = "run_id";

    private final Journal journal;
    private final RunListener events;
    private final InstantSource clock;
    private final ModelTurn modelTurn;
    private final ToolTurn toolTurn;
    private final ExecutorService executor;

    private AgentLoop(Builder b) {
        this.journal = b.journal;
        this.events = new RunEvents(b.listeners);
        this.clock = b.clock;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.modelTurn = new ModelTurn(b.model, journal, events, b.prices, clock);
        this.toolTurn = new ToolTurn(b.tools, journal, events, clock, executor);
    }

    public static Builder builder(ModelClient model) {
        return new Builder(model);
    }

    /** Runs {@code request} with {@code agent} to its end. */
    public RunResult run(AgentSpec agent, RunRequest request) {
        return run(agent, request, Cancellation.NEVER);
    }

    /**
     * Runs {@code request} with {@code agent} to its end, stopping early when {@code cancellation} fires. The run
     * executes on the calling thread, platform or virtual; only concurrent tool calls get threads of their own.
     */
    public RunResult run(AgentSpec agent, RunRequest request, Cancellation cancellation) {
        return runHere(agent, request, cancellation);
    }

    private RunResult runHere(AgentSpec agent, RunRequest request, Cancellation cancellation) {
        try (var ignored = MDC.putCloseable(RUN_ID_MDC_KEY, request.runId())) {
            return execute(agent, request, cancellation);
        }
    }

    private RunResult execute(AgentSpec agent, RunRequest request, Cancellation cancellation) {
        var startedAt = clock.instant();
        var state = new RunState(agent, request, Deadline.after(agent.limits().deadline(), clock), cancellation,
                startedAt);
        var history = journal.read(request.runId());
        events.onEvent(new RunStarted(request.runId(), request.tenantId(), request.userId(), agent.name(),
                !history.isEmpty(), startedAt));
        Next next = JournalReplay.restore(state, history);
        while (true) {
            switch (next) {
                case Next.CallModel ignored -> next = modelTurn.execute(state);
                case Next.RunTools tools -> next = toolTurn.execute(state, tools);
                case Next.Finish finish -> {
                    return finish(state, finish);
                }
            }
        }
    }

    private RunResult finish(RunState state, Next.Finish finish) {
        var steps = journal.read(state.runId());
        var duration = Duration.between(state.startedAt, clock.instant());
        var result = new RunResult(state.runId(), finish.reason(), state.lastText, steps, state.usage,
                state.cost, duration, finish.error());
        events.onEvent(new RunFinished(state.runId(), finish.reason(), state.modelCalls, state.usage, state.cost,
                duration, clock.instant()));
        return result;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Wires a loop. Defaults: no interceptors, an in-memory journal, Anthropic list prices, the system clock. */
    public static final class Builder {
        private final ModelClient model;
        private ToolPipeline tools = new ToolPipeline(List.of());
        private Journal journal = new InMemoryJournal();
        private final List<RunListener> listeners = new ArrayList<>();
        private PriceTable prices = PriceTable.anthropicDefaults();
        private InstantSource clock = InstantSource.system();

        private Builder(ModelClient model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder tools(ToolPipeline pipeline) {
            this.tools = Objects.requireNonNull(pipeline, "pipeline");
            return this;
        }

        public Builder journal(Journal j) {
            this.journal = Objects.requireNonNull(j, "journal");
            return this;
        }

        public Builder listener(RunListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder prices(PriceTable table) {
            this.prices = Objects.requireNonNull(table, "prices");
            return this;
        }

        public Builder clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public AgentLoop build() {
            return new AgentLoop(this);
        }
    }
}
