package dev.mainstay.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.event.ApprovalApplied;
import dev.mainstay.event.InjectionSuspected;
import dev.mainstay.event.PolicyDecided;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.JournalException;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.internal.FrozenJson;
import dev.mainstay.policy.PolicyContext;
import dev.mainstay.policy.Verdict;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Reconciliation;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.time.Deadline;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolChain;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolExecution;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import dev.mainstay.observe.LogFields;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * One tool call of a run: runs it through the tool chain, journals the policy's verdict when the POLICY link
 * reports one and the intent of a side-effecting call right before the tool runs, and records its outcome — a
 * journal entry and the {@link ToolCallStarted}/{@link ToolCallFinished} pair — exactly once. A call the policy sends
 * for approval gets no outcome: it waits, journaled as a {@link PolicyDecision}, until a person's
 * {@link ApprovalDecided} lets it run or denies it.
 *
 * <p>Why the state machine: a concurrent call runs on its own thread while the run's thread waits for it until the
 * call's deadline. Either side may end the call: the call by finishing, the waiting thread by giving up and
 * recording a timeout. NEW → STARTED → DONE, or NEW/STARTED → DONE by {@link #recordTimeout}; whoever moves it to
 * DONE records, the other side's outcome is dropped. A call interrupted because its run ended is not journaled (a
 * resumed run reconciles it, or runs it again when it has no side effect), but its events stay paired.
 */
final class ToolInvocation implements Callable<ToolResult> {
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int DONE = 2;

    private final RunState state;
    private final int step;
    private final ToolUseBlock use;
    /** The call's input, frozen once: every record of this call shares it instead of copying it again. */
    private final ObjectNode input;
    private final Tool tool; // null: the model named a tool the agent does not have
    private final Deadline deadline;
    private final ToolChain chain;
    private final InstantSource clock;
    private final boolean reconcile;
    private final PolicySnapshot snapshot;
    private final int plannedBefore;
    private final AtomicInteger phase = new AtomicInteger(NEW);
    /** The run thread's MDC when the call was set up, for a concurrent call's log lines; empty for an inline one. */
    private final Map<String, String> logContext;
    private volatile Instant started;

    /**
     * @param reconcile whether the journal already holds this call's intent (a resumed run): the tool is asked what
     *     happened instead of being run on a guess
     */
    ToolInvocation(RunState state, int step, ToolUseBlock use, ToolChain chain, InstantSource clock,
            boolean reconcile, PolicySnapshot snapshot, int plannedBefore) {
        this.state = state;
        this.step = step;
        this.use = use;
        this.input = FrozenJson.freeze(use.input());
        this.tool = state.agent.tools().find(use.name()).orElse(null);
        this.deadline = tool == null ? state.deadline : state.deadline.shorten(tool.spec().timeout());
        this.chain = chain;
        this.clock = clock;
        this.reconcile = reconcile;
        this.snapshot = snapshot;
        this.plannedBefore = plannedBefore;
        // only a call on a thread of its own needs the run's MDC carried over; an inline call runs where it is
        var mdc = concurrent() ? MDC.getCopyOfContextMap() : null;
        this.logContext = mdc == null ? Map.of() : mdc;
    }

    /** Whether this call gets a thread of its own; an unknown tool's error needs none. */
    boolean concurrent() {
        return tool != null && tool.spec().execution() == ToolExecution.CONCURRENT;
    }

    /** When this call must be done: the earlier of its tool's timeout and the run's deadline. */
    Deadline deadline() {
        return deadline;
    }

    /**
     * Runs the call on the calling thread and records it, unless a timeout was recorded first.
     *
     * @return the call's result, or {@code null} when a timeout was recorded before the call started
     * @throws FencedOutException when the run's lease was lost: nothing more was recorded
     */
    @Override
    public ToolResult call() {
        if (!phase.compareAndSet(NEW, STARTED)) {
            return null;
        }
        boolean ownThread = concurrent();
        if (ownThread) {
            // the run's correlation fields on this thread's lines too, before its first event
            MDC.setContextMap(logContext);
            MDC.put(LogFields.STEP, Integer.toString(step));
        }
        try {
            start();
            return finish(execute());
        } finally {
            if (ownThread) {
                MDC.clear();
            }
        }
    }

    /**
     * Ends the call as timed out, on behalf of a thread that stopped waiting for it.
     *
     * @return the timed-out result, or empty when the call had already recorded its own outcome
     */
    Optional<ToolResult> recordTimeout() {
        while (true) {
            int current = phase.get();
            if (current == DONE) {
                return Optional.empty();
            }
            if (phase.compareAndSet(current, DONE)) {
                if (current == NEW) {
                    start();
                }
                var after = Duration.between(started, deadline.at());
                var result = ToolResult.timedOut(use.name(), after.isNegative() ? Duration.ZERO : after);
                record(new Outcome(result, Optional.of(new StepError("timeout", result.content())),
                        ToolStep.Resolution.RAN), true);
                return Optional.of(result);
            }
        }
    }

    private void start() {
        started = clock.instant();
        state.events.emit(meta -> new ToolCallStarted(meta, step, use.id(), use.name(), input));
    }

    private Outcome execute() {
        if (tool == null) {
            return ran(ToolResult.error("unknown tool '" + use.name() + "'; available tools: "
                    + String.join(", ", state.agent.tools().tools().stream().map(t -> t.spec().name()).toList())));
        }
        var decision = state.security.decision(use.id());
        if (decision.isPresent() && !decision.get().approved()) {
            return deniedByPerson(decision.get());
        }
        var policy = policyContext(decision);
        var context = new ToolContext(state.runId(), state.request.tenantId(), state.request.userId(), step,
                deadline, state.cancellation, use.id(), policy);
        boolean sideEffect = tool.spec().effect() == ToolEffect.SIDE_EFFECT;
        if (reconcile && sideEffect) {
            var reconciled = Reconciler.reconcile(tool, use, context);
            if (reconciled.isPresent()) {
                return reconciled.get();
            }
            // the tool says the effect did not happen: run it now, under the intent already journaled
        }
        try {
            var target = sideEffect && !reconcile ? new IntentFirst(tool) : tool;
            var result = chain.execute(target, new ToolCall(use.id(), use.name(), input), context);
            return switch (policy.reported().orElse(null)) {
                case Verdict.NeedsApproval waiting -> new Outcome(result, Optional.empty(), ToolStep.Resolution.RAN,
                        true);
                case Verdict.Deny deny -> new Outcome(result, Optional.of(new StepError("policy_denied",
                        deny.rule() + ": " + deny.reason())), ToolStep.Resolution.RAN);
                case null, default -> ran(result);
            };
        } catch (FencedOutException | JournalException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            var result = ToolResult.error(use.name() + " was interrupted");
            return new Outcome(result, Optional.of(new StepError("interrupted", result.content())),
                    ToolStep.Resolution.RAN);
        } catch (Exception e) {
            return unexpected(e);
        } catch (Error e) {
            if (!isToolFailure(e)) {
                throw e;
            }
            return unexpected(e);
        }
    }

    /**
     * Whether {@code error}, thrown by a tool, is the tool's failure rather than the JVM's: every {@link Error} but a
     * {@link VirtualMachineError} other than {@link StackOverflowError}. A tool that recursed too deep, failed an
     * assertion or could not link or initialise a class is a broken tool, and the run goes on without it; running
     * out of memory is not the tool's to report.
     */
    static boolean isToolFailure(Error error) {
        return !(error instanceof VirtualMachineError) || error instanceof StackOverflowError;
    }

    /** A tool that threw: the model is told it failed, by the throwable's class only (its message may hold secrets). */
    private Outcome unexpected(Throwable thrown) {
        var result = ToolResult.error(use.name() + " failed unexpectedly (" + thrown.getClass().getSimpleName() + ")");
        return new Outcome(result, Optional.of(new StepError("tool_exception", thrown.getClass().getName())),
                ToolStep.Resolution.RAN);
    }

    /** What the POLICY link may know of this call's run, and where its verdict goes. */
    private PolicyContext policyContext(Optional<ApprovalDecided> decision) {
        var approval = decision.map(d -> new PolicyContext.ApprovalView(d.approved(), d.by()));
        return new PolicyContext(state.agent.name(), state.agent.security(), snapshot.context(),
                state.security.plan(), plannedBefore, snapshot.injectionSuspected(), approval,
                state.security.verdict(use.id()), verdict -> onVerdict(verdict, decision));
    }

    /**
     * Journals and emits the verdict the POLICY link is about to act on, before it acts: every verdict on a side
     * effect, every denial and approval request; a call's first verdict only. An approval being acted on is an event.
     */
    private void onVerdict(Verdict verdict, Optional<ApprovalDecided> decision) {
        if (verdict instanceof Verdict.Allow allow && allow.rule().equals(Verdict.Rules.APPROVED)
                && decision.isPresent()) {
            var by = decision.get().by();
            state.events.emit(meta -> new ApprovalApplied(meta, step, use.id(), use.name(), true, by));
            return;
        }
        if (!state.agent.security().enforced() || state.security.verdict(use.id()).isPresent()
                || verdict instanceof Verdict.Allow && tool.spec().effect() != ToolEffect.SIDE_EFFECT) {
            return;
        }
        state.record(new PolicyDecision(step, use.id(), use.name(), input, verdict, clock.instant()));
        state.events.emit(meta -> new PolicyDecided(meta, step, use.id(), use.name(), verdict));
    }

    private Outcome deniedByPerson(ApprovalDecided decision) {
        state.events.emit(meta -> new ApprovalApplied(meta, step, use.id(), use.name(), false, decision.by()));
        var why = decision.comment().isBlank() ? "" : " (" + decision.comment() + ")";
        var result = ToolResult.degraded(use.name() + " was not run: " + decision.by() + " did not approve it" + why
                + ". Do not retry it; tell the user.");
        return new Outcome(result, Optional.of(new StepError("approval_denied", "denied by " + decision.by())),
                ToolStep.Resolution.RAN);
    }

    /** The tool, journaling the call's intent right before it runs: after every link of the chain let it through. */
    private final class IntentFirst implements Tool {
        private final Tool delegate;

        IntentFirst(Tool delegate) {
            this.delegate = delegate;
        }

        @Override
        public dev.mainstay.tool.ToolSpec spec() {
            return delegate.spec();
        }

        @Override
        public ToolResult execute(ObjectNode input, ToolContext context) throws Exception {
            state.record(new ToolIntent(step, use.id(), use.name(), ToolInvocation.this.input, clock.instant()));
            return delegate.execute(input, context);
        }

        @Override
        public Reconciliation reconcile(ObjectNode input, ToolContext context) throws Exception {
            return delegate.reconcile(input, context);
        }
    }

    private static Outcome ran(ToolResult result) {
        return new Outcome(result, Optional.empty(), ToolStep.Resolution.RAN);
    }

    private ToolResult finish(Outcome outcome) {
        if (!phase.compareAndSet(STARTED, DONE)) {
            return outcome.result(); // the waiting thread recorded a timeout; this result reaches no one
        }
        record(outcome, !Thread.currentThread().isInterrupted());
        return outcome.result();
    }

    private void record(Outcome outcome, boolean journaled) {
        var duration = Duration.between(started, clock.instant());
        try {
            if (journaled && !outcome.awaiting()) {
                state.record(new ToolStep(step, use.id(), use.name(), input, outcome.result(),
                        outcome.resolution(), started, duration, outcome.error()));
                inspect(outcome);
            }
        } finally {
            var result = outcome.result();
            boolean replayed = outcome.resolution() != ToolStep.Resolution.RAN;
            state.events.emit(meta -> new ToolCallFinished(meta, step, use.id(), use.name(), result.isError(),
                    result.degraded(), replayed, duration));
        }
    }

    /** Runs the agent's injection detector over a fresh untrusted result; a hit is an event, not a verdict. */
    private void inspect(Outcome outcome) {
        if (tool == null || tool.spec().outputTrust() != OutputTrust.UNTRUSTED || outcome.result().degraded()) {
            return;
        }
        var detection = state.agent.security().detector().inspect(outcome.result().content());
        if (detection.suspected()) {
            state.events.emit(meta -> new InjectionSuspected(meta, step, use.id(), use.name(), detection.score(),
                    detection.signals()));
        }
    }

    /**
     * What a call came to and how that was established.
     *
     * @param awaiting the policy sent the call for approval: it has no outcome yet and nothing is journaled for it
     *     but the verdict
     */
    record Outcome(ToolResult result, Optional<StepError> error, ToolStep.Resolution resolution, boolean awaiting) {
        Outcome(ToolResult result, Optional<StepError> error, ToolStep.Resolution resolution) {
            this(result, error, resolution, false);
        }
    }

    /** The run's labelled context and the detector's view of it, taken once per tool turn for all its calls. */
    record PolicySnapshot(dev.mainstay.policy.LabeledContext context, boolean injectionSuspected) {}
}
