package dev.mainstay.agent;

import dev.mainstay.journal.FencedOutException;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.time.Cancellation;
import dev.mainstay.tool.ToolChain;
import dev.mainstay.tool.ToolResult;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.mainstay.observe.LogFields;
import org.slf4j.MDC;

/**
 * Runs the tool calls of the pending model answer that have no outcome yet; the fold hands the results back to the
 * model, in the model's order, once every call has one.
 *
 * <ul>
 *   <li>Calls of {@link dev.mainstay.tool.ToolExecution#CONCURRENT} tools start first, each on its own virtual
 *       thread; then {@link dev.mainstay.tool.ToolExecution#INLINE} calls run on the run's thread, one after
 *       another, while the others proceed; then the run's thread waits for each concurrent call until that call's
 *       deadline ({@code min(tool timeout, run deadline)}). A call past its own timeout is interrupted and the model
 *       gets a timed-out result; a run past its deadline, or cancelled, ends.
 *   <li>A tool that fails or gets bad input becomes an error result the model sees — also one that throws an
 *       {@link Error} such as {@link StackOverflowError} or {@link AssertionError}; only the JVM's own failures
 *       ({@link OutOfMemoryError} and the other {@link VirtualMachineError}s) go on up.
 *   <li>A call already settled in the journal is not run again; a side-effecting call with a journaled intent but
 *       no outcome (a resumed run) is reconciled through its tool.
 *   <li>A call waiting for a person's approval is left alone; once every other call has an outcome, the fold
 *       pauses the run.
 * </ul>
 */
final class ToolTurn {
    private final ToolChain chain;
    private final InstantSource clock;
    private final ExecutorService executor;

    ToolTurn(ToolChain chain, InstantSource clock, ExecutorService executor) {
        this.chain = chain;
        this.clock = clock;
        this.executor = executor;
    }

    Next execute(RunState state) {
        if (state.cancellation.isCancelled() || state.deadline.isExpired()) {
            return ended(state);
        }
        var pending = state.pending;
        MDC.put(LogFields.STEP, Integer.toString(pending.step));
        var open = pending.open(state.security::awaiting);
        int count = open.size();
        var overBudget = RunBudget.tools(state, count);
        if (overBudget.isPresent()) {
            return new Next.Finish(RunStopReason.BUDGET_EXCEEDED, overBudget);
        }
        var snapshot = snapshot(state);
        var plannedBefore = new java.util.HashMap<String, Integer>();
        var invocations = new ToolInvocation[count];
        @SuppressWarnings("unchecked")
        var futures = (Future<ToolResult>[]) new Future<?>[count];
        boolean anyConcurrent = false;
        for (int i = 0; i < count; i++) {
            var use = open.get(i);
            // planned slots go to a tool's calls in the model's order, whichever thread decides first
            int before = state.security.plannedUsed(use.name()) + plannedBefore.getOrDefault(use.name(), 0);
            if (state.security.verdict(use.id()).isEmpty()) {
                plannedBefore.merge(use.name(), 1, Integer::sum);
            }
            invocations[i] = new ToolInvocation(state, pending.step, use, chain, clock, pending.hasIntent(use.id()),
                    snapshot, before);
            if (invocations[i].concurrent()) {
                futures[i] = executor.submit(invocations[i]);
                anyConcurrent = true;
            }
        }
        var registration = anyConcurrent ? state.cancellation.onCancel(() -> cancelAll(futures)) : NO_REGISTRATION;
        try (registration) {
            for (int i = 0; i < count; i++) {
                if (futures[i] == null) {
                    if (state.cancellation.isCancelled() || state.deadline.isExpired()) {
                        return stop(state, futures);
                    }
                    invocations[i].call();
                }
            }
            for (int i = 0; i < count; i++) {
                if (futures[i] != null && await(futures[i], invocations[i], state).isEmpty()) {
                    return stop(state, futures);
                }
            }
        } catch (RuntimeException | Error e) {
            // a lost lease, a failed journal or a bug ends the turn: the calls still running go with it
            cancelAll(futures);
            throw e;
        }
        return RunFold.next(state);
    }

    /** The run's labelled context for this turn's policy decisions; built only when the agent has a policy. */
    private static ToolInvocation.PolicySnapshot snapshot(RunState state) {
        var security = state.agent.security();
        if (!security.enforced()) {
            return NO_POLICY;
        }
        var context = RunSecurity.context(state);
        boolean suspected = security.blockSuspectedInjections() && context.untrustedResults().stream()
                .anyMatch(b -> security.detector().inspect(b.text()).suspected());
        return new ToolInvocation.PolicySnapshot(context, suspected);
    }

    private static Next stop(RunState state, Future<ToolResult>[] futures) {
        cancelAll(futures);
        return ended(state);
    }

    /** The end of a run that was cancelled or ran out of time. */
    private static Next ended(RunState state) {
        return Next.Finish.because(state.cancellation.isCancelled()
                ? RunStopReason.CANCELLED : RunStopReason.DEADLINE_EXCEEDED);
    }

    /**
     * The call's result — its own, or a timed-out one once its deadline passed — or empty when the run's deadline
     * passed or the run was cancelled first.
     */
    private static Optional<ToolResult> await(Future<ToolResult> future, ToolInvocation invocation, RunState state) {
        try {
            long nanos = Math.max(1, invocation.deadline().remaining().toNanos());
            return Optional.of(future.get(nanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            if (state.deadline.isExpired() || state.cancellation.isCancelled()) {
                return Optional.empty();
            }
            var timedOut = invocation.recordTimeout();
            if (timedOut.isPresent()) {
                future.cancel(true);
                return timedOut;
            }
            return finished(future); // the call recorded its own result just as its time ran out
        } catch (CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    private static Optional<ToolResult> finished(Future<ToolResult> future) {
        try {
            return Optional.of(future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (CancellationException e) {
            throw new IllegalStateException("a tool call that recorded its result did not return it", e);
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    /** A tool thread's failure: a lost lease goes on up; anything else is a bug in Mainstay itself. */
    private static RuntimeException failure(ExecutionException e) {
        if (e.getCause() instanceof FencedOutException fenced) {
            return fenced;
        }
        if (e.getCause() instanceof dev.mainstay.journal.JournalException journal) {
            return journal;
        }
        return new IllegalStateException("tool turn failed", e.getCause());
    }

    private static void cancelAll(Future<ToolResult>[] futures) {
        for (var future : futures) {
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    private static final Cancellation.Registration NO_REGISTRATION = () -> {};

    private static final ToolInvocation.PolicySnapshot NO_POLICY =
            new ToolInvocation.PolicySnapshot(dev.mainstay.policy.LabeledContext.empty(), false);
}
