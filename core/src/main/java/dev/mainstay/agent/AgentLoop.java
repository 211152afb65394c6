package dev.mainstay.agent;

import dev.mainstay.context.ContextCompactor;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.event.internal.RunEvents;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.RunStarted;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.Compaction;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.JournalException;
import dev.mainstay.journal.PlanFixed;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.observe.LogFields;
import dev.mainstay.policy.Spotlight;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import dev.mainstay.tool.ToolChain;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.slf4j.MDC;

/**
 * The agent loop: ask the model, run the tools it asked for, feed the results back, until the model ends its turn
 * or a limit, a cancellation or a failure ends the run. Every production concern lives in the model and tool
 * chains it is given; the loop only dispatches.
 *
 * <p>A run is its journal. The loop opens it ({@link RunOpened}: the request, the agent, the absolute deadline),
 * appends every step under the caller's {@link dev.mainstay.journal.Fence} and closes it ({@link RunClosed}); the
 * run's state is the fold of those entries ({@link RunFold}), so a run whose journal already holds entries resumes
 * exactly where they end, keeping its original deadline. A worker whose lease was lost can write nothing: the run
 * ends for it with {@link RunStopReason#LEASE_LOST}. A run whose next tool calls all wait for a person's approval
 * pauses with {@link RunStopReason#AWAITING_APPROVAL}, journal open; run it again once the decisions are journaled
 * ({@link dev.mainstay.approval.Approvals}).
 *
 * <p>Context: a new run in a conversation whose history would pass the configured token budget has its oldest turns
 * compacted before its first model call ({@link ContextCompactor}); the compaction is journaled with the opening,
 * beside the full history.
 *
 * <p>Security: right after the opening, an agent with a policy or spotlighting journals a {@link PlanFixed} — the
 * side effects its task asks for and a random spotlighting boundary — before any tool can bring untrusted data in.
 * The POLICY link of the tool chain enforces the agent's policy on every call; the loop journals its verdicts.
 *
 * <p>Thread-safe: one loop serves many concurrent runs. A run executes on its caller's thread, with no hand-off:
 * model calls block that thread and are aborted on cancellation by the provider client (the {@link ModelClient}
 * contract); tool calls run as their tools declare ({@link dev.mainstay.tool.ToolExecution}). {@link #run} never
 * throws for an expected outcome: limits, cancellation, refusals and provider failures end in a {@link RunResult}.
 */
public final class AgentLoop implements AutoCloseable {
    /**
     * While a run executes, its id is in the SLF4J MDC under this key on every thread working for it, with the
     * other {@link LogFields}.
     */
    public static final String RUN_ID_MDC_KEY = LogFields.RUN_ID;

    private final Journal journal;
    private final RunEvents listeners;
    private final InstantSource clock;
    private final ModelTurn modelTurn;
    private final ToolTurn toolTurn;
    private final ExecutorService executor;
    private final RandomGenerator random;
    private final ContextCompactor compactor;

    private AgentLoop(Builder b) {
        this.random = b.random;
        this.compactor = b.compactor;
        this.journal = b.journal;
        this.listeners = new RunEvents(b.listeners);
        this.clock = b.clock;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        var chain = b.chain != null ? b.chain : ModelChain.direct(b.model, b.prices);
        this.modelTurn = new ModelTurn(chain, clock);
        this.toolTurn = new ToolTurn(b.tools, clock, executor);
    }

    /** A loop calling {@code model} directly, with no model-side interceptors. */
    public static Builder builder(ModelClient model) {
        return new Builder(Objects.requireNonNull(model, "model"), null);
    }

    /** A loop calling models through {@code chain}. */
    public static Builder builder(ModelChain chain) {
        return new Builder(null, Objects.requireNonNull(chain, "chain"));
    }

    /** Runs {@code request} with {@code agent} to its end. */
    public RunResult run(AgentSpec agent, RunRequest request) {
        return run(agent, request, RunControl.of(request.runId(), Cancellation.NEVER));
    }

    /** Runs {@code request} with {@code agent} to its end, stopping early when {@code cancellation} fires. */
    public RunResult run(AgentSpec agent, RunRequest request, Cancellation cancellation) {
        return run(agent, request, RunControl.of(request.runId(), cancellation));
    }

    /**
     * Runs, or resumes, {@code request} with {@code agent} to its end under {@code control}. The run executes on the
     * calling thread, platform or virtual; only concurrent tool calls get threads of their own. When the journal
     * already holds the run, its journaled request and deadline are the ones that count.
     *
     * <p>While it runs, the run's {@link LogFields} are in the MDC of the calling thread and of every tool thread;
     * the calling thread's MDC is given back as it was when the run ends.
     */
    public RunResult run(AgentSpec agent, RunRequest request, RunControl control) {
        var previous = MDC.getCopyOfContextMap();
        MDC.put(LogFields.RUN_ID, request.runId());
        MDC.put(LogFields.TENANT, request.tenantId());
        MDC.put(LogFields.USER, request.userId());
        MDC.put(LogFields.STEP, "0"); // the run's own lines before its first step
        try {
            return execute(agent, request, control);
        } finally {
            // anything put during the run (the step, a span id) goes with it
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    private RunResult execute(AgentSpec agent, RunRequest request, RunControl control) {
        var startedAt = clock.instant();
        var events = new RunEmitter(listeners, clock, request.runId(), request.tenantId(), control.firstEventSeq());
        var state = new RunState(agent, request, control, journal, clock, events, startedAt);
        Next next;
        boolean resumed;
        try {
            var history = journal.read(request.runId());
            resumed = !history.isEmpty();
            if (resumed) {
                history.forEach(recorded -> state.restore(recorded.entry()));
                if (state.deadline == null) {
                    throw new IllegalStateException("the journal of run " + request.runId()
                            + " does not start with its opening");
                }
                if (state.closed != null) {
                    return result(state, new Next.Finish(state.closed.reason(), state.closed.error()));
                }
            } else {
                var deadline = startedAt.plus(agent.limits().deadline());
                var opened = new RunOpened(request, agent.name(), agent.model(), agent.limits(), deadline,
                        startedAt, compact(request, control, deadline));
                // the opening and the plan in one append: one transaction before the first model call, not two
                state.recordAll(planFor(agent, request).<List<JournalEntry>>map(plan -> List.of(opened, plan))
                        .orElse(List.of(opened)));
            }
            fixPlan(agent, state);
        } catch (FencedOutException e) {
            return result(state, Next.Finish.because(RunStopReason.LEASE_LOST));
        } catch (JournalException e) {
            return result(state, journalFailed(e));
        }
        events.emit(meta -> new RunStarted(meta, state.request.userId(), agent.name(), resumed));
        next = RunFold.next(state);
        while (true) {
            try {
                switch (next) {
                    case Next.CallModel ignored -> next = modelTurn.execute(state);
                    case Next.RunTools ignored -> next = toolTurn.execute(state);
                    case Next.Suspend ignored -> {
                        return finished(state, Next.Finish.because(RunStopReason.AWAITING_APPROVAL));
                    }
                    case Next.Finish finish when finish.reason() == RunStopReason.YIELDED -> {
                        // not the run's end: nothing is closed, and the run's stream goes on when it is resumed
                        return result(state, finish);
                    }
                    case Next.Finish finish -> {
                        return finish(state, finish);
                    }
                }
            } catch (FencedOutException e) {
                return finished(state, Next.Finish.because(RunStopReason.LEASE_LOST));
            } catch (JournalException e) {
                return finished(state, journalFailed(e));
            }
        }
    }

    /**
     * Plan-then-execute: before any tool can bring untrusted data in, fixes from the user's task the side effects the
     * run may take, and draws the spotlighting boundary; both journaled, so a resumed run keeps them.
     */
    private void fixPlan(AgentSpec agent, RunState state) {
        if (!state.security.planFixed()) {
            planFor(agent, state.request).ifPresent(state::record);
        }
    }

    /** The plan to journal for {@code request}: empty when the agent's security fixes none. */
    private Optional<PlanFixed> planFor(AgentSpec agent, RunRequest request) {
        var security = agent.security();
        if (!security.fixesPlan()) {
            return Optional.empty();
        }
        var plan = security.enforced() && security.planThenExecute()
                ? security.planner().plan(request.task(), agent.tools().tools().stream().map(t -> t.spec())
                        .filter(spec -> spec.effect() == dev.mainstay.tool.ToolEffect.SIDE_EFFECT).toList())
                : dev.mainstay.policy.Plan.EMPTY;
        String boundary;
        synchronized (random) {
            boundary = security.spotlight() ? Spotlight.newBoundary(random) : "";
        }
        return Optional.of(new PlanFixed(plan.sideEffects(), boundary, clock.instant()));
    }

    /**
     * How the new run's history is compacted before its first model call: asked once, before the opening is
     * journaled, so a resumed run keeps the answer instead of asking again.
     */
    private Optional<Compaction> compact(RunRequest request, RunControl control, java.time.Instant deadline) {
        if (request.history().isEmpty()) {
            return Optional.empty();
        }
        var context = new CallContext(request.runId(), request.tenantId(), request.userId(), 0,
                new Deadline(deadline, clock), control.cancellation(), StreamObserver.NONE);
        try {
            return compactor.compact(request, context);
        } catch (RuntimeException e) {
            // a compactor's bug must not fail the run: it is sent its history whole, as without compaction
            return Optional.empty();
        }
    }

    private static Next.Finish journalFailed(JournalException e) {
        return new Next.Finish(RunStopReason.FAILED,
                Optional.of(new StepError("journal_unavailable", "the run's journal could not be written")));
    }

    /** Closes the journal, then tells the listeners. */
    private RunResult finish(RunState state, Next.Finish finish) {
        try {
            state.record(new RunClosed(finish.reason(), finish.error(), clock.instant()));
        } catch (FencedOutException e) {
            return finished(state, Next.Finish.because(RunStopReason.LEASE_LOST));
        } catch (JournalException e) {
            return finished(state, journalFailed(e));
        }
        return finished(state, finish);
    }

    private RunResult finished(RunState state, Next.Finish finish) {
        var result = result(state, finish);
        state.events.emit(meta -> new RunFinished(meta, finish.reason(), state.modelCalls, state.usage, state.cost,
                result.duration(), finish.error()));
        return result;
    }

    private RunResult result(RunState state, Next.Finish finish) {
        var duration = Duration.between(state.startedAt, clock.instant());
        return new RunResult(state.runId(), finish.reason(), state.lastText, state.entries(), state.usage,
                state.cost, duration, finish.error());
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
        private final ModelChain chain;
        private ToolChain tools = ToolChain.empty();
        private Journal journal = new InMemoryJournal();
        private final List<RunListener> listeners = new ArrayList<>();
        private PriceTable prices = PriceTable.anthropicDefaults();
        private InstantSource clock = InstantSource.system();
        private RandomGenerator random = new java.security.SecureRandom();
        private ContextCompactor compactor = ContextCompactor.NONE;

        private Builder(ModelClient model, ModelChain chain) {
            this.model = model;
            this.chain = chain;
        }

        public Builder tools(ToolChain toolChain) {
            this.tools = Objects.requireNonNull(toolChain, "toolChain");
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

        /** The prices a loop built on a bare {@link ModelClient} uses; a {@link ModelChain} brings its own. */
        public Builder prices(PriceTable table) {
            if (chain != null) {
                throw new IllegalStateException("a loop built on a model chain takes its prices from the chain");
            }
            this.prices = Objects.requireNonNull(table, "prices");
            return this;
        }

        public Builder clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Draws spotlighting boundaries; a {@link java.security.SecureRandom} unless a test seeds its own. */
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /**
         * Compacts a new run's conversation history before its first model call; {@link ContextCompactor#NONE} by
         * default.
         */
        public Builder compactor(ContextCompactor c) {
            this.compactor = Objects.requireNonNull(c, "compactor");
            return this;
        }

        public AgentLoop build() {
            return new AgentLoop(this);
        }
    }
}
