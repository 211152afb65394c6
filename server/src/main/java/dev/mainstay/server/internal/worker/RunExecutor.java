package dev.mainstay.server.internal.worker;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.agent.RunControl;
import dev.mainstay.agent.RunResult;
import dev.mainstay.cost.Cost;
import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.server.internal.observe.WorkerTelemetry;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.Claim;
import dev.mainstay.store.RunEnd;
import dev.mainstay.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed run to its end on the calling (virtual) thread: builds the request from the run row (its task and
 * its response-cache opt-in) and the conversation's history (a resumed run's journal holds its own), runs the agent
 * loop under the claim's fence and event sequence, and finishes the run in one transaction with the events not stored
 * yet — unless this node lost or gave up the
 * run, or the store failed under it: then the run is left to the next claim, which resumes it from its journal.
 *
 * <p>What else may escape the loop is sorted by {@link RunFailure}. A bug — any other exception, or an {@link Error}
 * short of the JVM's own — would recur on every resume, so the run is not left to its lease but failed with
 * {@code internal_error}: logged at ERROR with its stack trace, told to the caller by its class only, its journal
 * closed and its event stream ended with a {@code RunFinished} like any failed run's. An {@link OutOfMemoryError} (or
 * another {@link VirtualMachineError} but a stack overflow) is rethrown: the run is left to its lease.
 */
final class RunExecutor {
    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    private static final String JOURNAL_UNAVAILABLE = "journal_unavailable";
    /**
     * The refusals a run yields on instead of failing: this node could not make the call now, but another node, or
     * this one a few seconds later, can — its own model-concurrency limit was full ({@code concurrency_queue_full})
     * or stayed full for the limiter's longest wait ({@code concurrency_limit}), or the budget store could not be
     * written to reserve the call's cost ({@code budget_unavailable}, when budgets fail closed). The run is resumed
     * from its journal; its deadline still holds, so a run that keeps yielding ends {@code deadline_exceeded}.
     */
    static final java.util.function.Predicate<dev.mainstay.model.Refusal> YIELD_ON = refusal ->
            java.util.Set.of("concurrency_queue_full", "concurrency_limit",
                    dev.mainstay.costcontrol.BudgetInterceptor.UNAVAILABLE).contains(refusal.code());
    /** The error code of a run failed on a bug. */
    static final String INTERNAL_ERROR = "internal_error";

    private final Store store;
    private final AgentLoop loop;
    private final AgentSpec agent;
    private final GuardedJournal journal;
    private final Executions executions;
    private final RunSignals signals;
    private final Duration lease;
    private final InstantSource clock;
    private final WorkerTelemetry telemetry;

    RunExecutor(Store store, AgentLoop loop, AgentSpec agent, GuardedJournal journal, Executions executions,
            RunSignals signals, Duration lease, InstantSource clock, WorkerTelemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.loop = loop;
        this.agent = agent;
        this.journal = journal;
        this.executions = executions;
        this.signals = signals;
        this.lease = lease;
        this.clock = clock;
    }

    void execute(Claim claim) {
        var run = claim.run();
        var execution = new RunExecution(claim, new EventWriter(store.events(), claim.fence(), signals, lease),
                journal, clock.instant().plus(lease));
        execution.events().onFailure(execution::giveUp);
        if (!register(execution)) {
            store.queue().release(claim.fence(), clock.instant());
            return;
        }
        signals.executionStarted(run.id());
        var startedAt = clock.instant();
        try {
            if (run.cancelRequested()) {
                execution.cancel();
            }
            var history = run.conversationId()
                    .map(c -> store.conversations().history(run.tenantId(), c)).orElse(List.of());
            var request = new RunRequest(run.id(), run.tenantId(), run.userId(), run.input(),
                    run.conversationId().orElse(RunRequest.NO_CONVERSATION), history, run.cacheResponses());
            AgentSpec spec;
            try {
                spec = agent.withLimits(run.limits());
            } catch (IllegalArgumentException e) {
                finish(execution, failed("invalid_limits", e.getMessage()));
                return;
            }
            var control = new RunControl(claim.fence(), execution.cancellation(), claim.nextEventSeq(), YIELD_ON);
            var result = telemetry.claimed(claim, clock.instant(), () -> loop.run(spec, request, control));
            if (result.stopReason() == RunStopReason.LEASE_LOST || execution.isGivenUp()) {
                execution.events().flush(lease);
                if (result.stopReason() == RunStopReason.LEASE_LOST) {
                    telemetry.leaseLost();
                }
                return;
            }
            if (result.stopReason() == RunStopReason.YIELDED) {
                // the lease lapses within its period, and a claim (any node's) resumes the run: a back-off that a
                // release — claimable at once, by this node too — would not give
                var code = result.error().map(StepError::code).orElse("");
                log.info("run {} yielded on this node ({}): it will be resumed once its lease lapses", run.id(), code);
                telemetry.yielded(code);
                execution.events().flush(lease);
                execution.giveUp();
                return;
            }
            if (result.error().map(e -> e.code().equals(JOURNAL_UNAVAILABLE)).orElse(false)) {
                log.warn("run {} stopped on this node: its journal could not be written; it will be resumed",
                        run.id());
                execution.events().flush(lease);
                execution.giveUp();
                store.queue().release(claim.fence(), clock.instant());
                return;
            }
            if (!execution.events().toldTheEnd()) {
                tellTheEnd(execution, result);
            }
            finish(execution, end(result));
        } catch (FencedOutException e) {
            execution.giveUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            execution.giveUp();
        } catch (RuntimeException | Error e) {
            var failure = RunFailure.of(e);
            if (failure == RunFailure.FATAL) {
                execution.giveUp();
                throw e;
            }
            if (failure == RunFailure.INFRASTRUCTURE || execution.isGivenUp()
                    || Thread.currentThread().isInterrupted()) {
                // leave the run to its lease: the next claim resumes it from the journal
                log.warn("run {} stopped on this node and will be resumed elsewhere: {}", run.id(), e.toString());
                execution.giveUp();
            } else {
                failOnBug(execution, e, startedAt);
            }
        } finally {
            executions.remove(execution);
            signals.executionEnded(run.id());
        }
    }

    /** Waits for an earlier execution of the same run on this node (given up, still unwinding) to end. */
    private boolean register(RunExecution execution) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (executions.add(execution)) {
                return true;
            }
            var previous = executions.get(execution.runId());
            if (previous.isPresent()) {
                previous.get().giveUp();
                try {
                    previous.get().awaitEnd(lease);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return executions.add(execution);
    }

    /**
     * A run resumed over a journal its last worker had closed ends without running anything, so the loop tells no
     * events; but that worker may have died before it stored its {@code RunFinished} (which goes with the finish).
     * Then the stream would never end: followers would wait for an end that never comes. So the end is told here,
     * unless the stream already holds it.
     */
    private void tellTheEnd(RunExecution execution, RunResult result) {
        var run = execution.claim().run();
        long stored = store.events().lastSeq(run.id());
        if (stored > 0) {
            var last = store.events().after(run.tenantId(), run.id(), stored - 1, 1);
            if (!last.isEmpty() && last.getFirst().type().equals("run_finished")) {
                return;
            }
        }
        long seq = Math.max(Math.max(execution.claim().nextEventSeq(), stored + 1),
                execution.events().lastHandedSeq() + 1);
        int modelCalls = (int) result.steps().stream().filter(dev.mainstay.journal.ModelStep.class::isInstance)
                .count();
        execution.events().offer(new RunFinished(new EventMeta(run.id(), run.tenantId(), seq, clock.instant()),
                result.stopReason(), modelCalls, result.usage(), result.cost(), result.duration(), result.error()));
    }

    /** Finishes the run in one transaction with the events not stored yet: a run ends only after its events. */
    private void finish(RunExecution execution, RunEnd end) {
        var fence = execution.fence();
        execution.events().storeWith(events -> store.inOneTransaction(() -> {
            if (!events.isEmpty()) {
                store.events().appendAll(fence, events);
            }
            store.queue().finish(fence, end);
            return null;
        }));
    }

    /**
     * Fails the run of a bug with {@code internal_error}, in one transaction: the events not stored yet and a
     * {@link RunFinished}, the journal's {@link RunClosed} (when the loop opened the journal and did not close it),
     * the run's end with the usage and cost its journal holds. Whatever of the run still works (a tool call on a
     * thread of its own) is cancelled first and can journal and publish nothing more. When that transaction fails,
     * the run is left to its lease as for any failure of the store.
     */
    private void failOnBug(RunExecution execution, Throwable bug, Instant startedAt) {
        var runId = execution.runId();
        var what = RunFailure.describe(bug);
        log.error("run {} failed on a bug ({}); it is failed with {} rather than resumed into it again", runId, what,
                INTERNAL_ERROR, bug);
        var node = execution.claim().run().leaseOwner().map(n -> "node " + n + "'s log").orElse("the node's log");
        var error = Optional.of(new StepError(INTERNAL_ERROR, "the run failed on an unexpected " + what + "; "
                + node + " has the details"));
        execution.cancel();
        journal.giveUp(execution.fence());
        long lastSeq = execution.events().seal();
        try {
            var totals = JournalTotals.of(journal.read(runId));
            var now = clock.instant();
            var end = new RunEnd(RunStopReason.FAILED, "", error, totals.usage(), totals.cost(), now);
            var fence = execution.fence();
            // a journal the loop closed was followed by its RunFinished; one it never opened had no RunStarted
            boolean close = totals.opened() && !totals.closed();
            var tenant = execution.claim().run().tenantId();
            var finished = new RunFinished(
                    new EventMeta(runId, tenant, Math.max(execution.claim().nextEventSeq(), lastSeq + 1), now),
                    RunStopReason.FAILED, totals.modelCalls(), totals.usage(), totals.cost(),
                    Duration.between(startedAt, now), error);
            execution.events().storeWith(events -> store.inOneTransaction(() -> {
                var all = new ArrayList<RunEvent>(events);
                if (close) {
                    all.add(finished);
                }
                if (!all.isEmpty()) {
                    store.events().appendAll(fence, all);
                }
                if (close) {
                    store.journal().append(fence, new RunClosed(RunStopReason.FAILED, error, now));
                }
                store.queue().finish(fence, end);
                return null;
            }));
        } catch (FencedOutException e) {
            execution.giveUp();
        } catch (RuntimeException e) {
            log.warn("run {} could not be failed on this node and is left to its lease: {}", runId, e.toString());
            execution.giveUp();
        }
    }

    private RunEnd end(RunResult result) {
        return new RunEnd(result.stopReason(), result.answer(), result.error(), result.usage(), result.cost(),
                clock.instant());
    }

    private RunEnd failed(String code, String message) {
        return new RunEnd(RunStopReason.FAILED, "", Optional.of(new StepError(code, message)), Usage.ZERO, Cost.ZERO,
                clock.instant());
    }
}
