package dev.mainstay.agent;

import dev.mainstay.event.RunListener;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.journal.Journal;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.time.Cancellation;
import dev.mainstay.tool.ToolPipeline;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the tool calls of one model answer and hands the results back in the model's order.
 *
 * <ul>
 *   <li>Calls of {@link dev.mainstay.tool.ToolExecution#CONCURRENT} tools start first, each on its own virtual
 *       thread; then {@link dev.mainstay.tool.ToolExecution#INLINE} calls run on the run's thread, one after
 *       another, while the others proceed; then the run's thread waits for each concurrent call until that call's
 *       deadline ({@code min(tool timeout, run deadline)}). A call past its own timeout is interrupted and the model
 *       gets a timed-out result; a run past its deadline, or cancelled, ends.
 *   <li>A tool that fails or gets bad input becomes an error result the model sees.
 *   <li>Results already in the journal (a resumed run) are reused: a tool never runs twice for one tool_use id.
 * </ul>
 */
final class ToolTurn {
    private final ToolPipeline pipeline;
    private final Journal journal;
    private final RunListener events;
    private final InstantSource clock;
    private final ExecutorService executor;

    ToolTurn(ToolPipeline pipeline, Journal journal, RunListener events, InstantSource clock,
            ExecutorService executor) {
        this.pipeline = pipeline;
        this.journal = journal;
        this.events = events;
        this.clock = clock;
        this.executor = executor;
    }

    Next execute(RunState state, Next.RunTools next) {
        if (state.cancellation.isCancelled() || state.deadline.isExpired()) {
            return ended(state);
        }
        var uses = next.response().toolUses();
        int count = uses.size();
        var results = new ToolResult[count];
        var invocations = new ToolInvocation[count];
        @SuppressWarnings("unchecked")
        var futures = (Future<ToolResult>[]) new Future<?>[count];
        boolean anyConcurrent = false;
        for (int i = 0; i < count; i++) {
            var use = uses.get(i);
            var journaled = journal.findToolStep(state.runId(), use.id());
            if (journaled.isPresent()) {
                results[i] = replay(state, next.step(), use, journaled.get().result());
                continue;
            }
            invocations[i] = new ToolInvocation(state, next.step(), use, pipeline, journal, events, clock);
            if (invocations[i].concurrent()) {
                futures[i] = executor.submit(invocations[i]);
                anyConcurrent = true;
            }
        }
        var registration = anyConcurrent ? state.cancellation.onCancel(() -> cancelAll(futures)) : NO_REGISTRATION;
        try (registration) {
            for (int i = 0; i < count; i++) {
                if (invocations[i] != null && futures[i] == null) {
                    if (state.cancellation.isCancelled() || state.deadline.isExpired()) {
                        return stop(state, futures);
                    }
                    results[i] = invocations[i].call();
                }
            }
            for (int i = 0; i < count; i++) {
                if (futures[i] != null) {
                    var result = await(futures[i], invocations[i], state);
                    if (result.isEmpty()) {
                        return stop(state, futures);
                    }
                    results[i] = result.get();
                }
            }
        }
        state.messages.add(new Message(Role.USER, blocks(uses, results)));
        return new Next.CallModel();
    }

    private static List<ContentBlock> blocks(List<ToolUseBlock> uses, ToolResult[] results) {
        var blocks = new ArrayList<ContentBlock>(results.length);
        for (int i = 0; i < results.length; i++) {
            blocks.add(new ToolResultBlock(uses.get(i).id(), results[i].content(), results[i].isError()));
        }
        return blocks;
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
            // ToolInvocation turns every tool failure into a result, so this is a bug in Mainstay itself
            throw new IllegalStateException("tool turn failed", e.getCause());
        }
    }

    private static Optional<ToolResult> finished(Future<ToolResult> future) {
        try {
            return Optional.of(future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (CancellationException | ExecutionException e) {
            throw new IllegalStateException("a tool call that recorded its result did not return it", e);
        }
    }

    private ToolResult replay(RunState state, int step, ToolUseBlock use, ToolResult result) {
        var now = clock.instant();
        events.onEvent(new ToolCallStarted(state.runId(), step, use.id(), use.name(), use.input(), now));
        events.onEvent(new ToolCallFinished(state.runId(), step, use.id(), use.name(), result.isError(),
                result.degraded(), true, Duration.ZERO, now));
        return result;
    }

    private static void cancelAll(Future<ToolResult>[] futures) {
        for (var future : futures) {
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    private static final Cancellation.Registration NO_REGISTRATION = () -> {};
}
