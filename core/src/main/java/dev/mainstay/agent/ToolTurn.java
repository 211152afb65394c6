package dev.mainstay.agent;

import dev.mainstay.event.RunListener;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolPipeline;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * Runs the tool calls of one model answer concurrently, each on its own virtual thread, and hands the results
 * back in the model's order. A tool that fails or gets bad input becomes an error result the model sees. Results
 * already in the journal (a resumed run) are reused: a tool never runs twice for one tool_use id.
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
        var uses = next.response().toolUses();
        var futures = new ArrayList<Future<ToolResult>>(uses.size());
        for (var use : uses) {
            var journaled = journal.findToolStep(state.runId(), use.id());
            if (journaled.isPresent()) {
                futures.add(CompletableFuture.completedFuture(replay(state, next.step(), use,
                        journaled.get().result())));
            } else {
                futures.add(executor.submit(() -> runOne(state, next.step(), use)));
            }
        }
        try (var ignored = state.cancellation.onCancel(() -> futures.forEach(f -> f.cancel(true)))) {
            var results = new ArrayList<ContentBlock>(uses.size());
            for (int i = 0; i < uses.size(); i++) {
                var result = await(futures.get(i), state);
                if (result.isEmpty()) {
                    futures.forEach(f -> f.cancel(true));
                    return Next.Finish.because(state.cancellation.isCancelled()
                            ? RunStopReason.CANCELLED : RunStopReason.DEADLINE_EXCEEDED);
                }
                results.add(new ToolResultBlock(uses.get(i).id(), result.get().content(), result.get().isError()));
            }
            state.messages.add(new Message(Role.USER, results));
            return new Next.CallModel();
        }
    }

    /** The tool's result, or empty when the run's deadline passed or the run was cancelled first. */
    private static Optional<ToolResult> await(Future<ToolResult> future, RunState state) {
        try {
            long millis = Math.max(1, state.deadline.remaining().toMillis());
            return Optional.of(future.get(millis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            // runOne turns every tool failure into a result, so this is a bug in Mainstay itself
            throw new IllegalStateException("tool turn failed", e.getCause());
        }
    }

    private ToolResult replay(RunState state, int step, ToolUseBlock use, ToolResult result) {
        var now = clock.instant();
        events.onEvent(new ToolCallStarted(state.runId(), step, use.id(), use.name(), use.input(), now));
        events.onEvent(new ToolCallFinished(state.runId(), step, use.id(), use.name(), result.isError(),
                result.degraded(), true, Duration.ZERO, now));
        return result;
    }

    private ToolResult runOne(RunState state, int step, ToolUseBlock use) {
        try (var ignored = MDC.putCloseable(AgentLoop.RUN_ID_MDC_KEY, state.runId())) {
            return runInContext(state, step, use);
        }
    }

    private ToolResult runInContext(RunState state, int step, ToolUseBlock use) {
        var started = clock.instant();
        events.onEvent(new ToolCallStarted(state.runId(), step, use.id(), use.name(), use.input(), started));
        ToolResult result;
        Optional<StepError> error = Optional.empty();
        var tool = state.agent.tools().find(use.name());
        if (tool.isEmpty()) {
            result = ToolResult.error("unknown tool '" + use.name() + "'; available tools: "
                    + String.join(", ", state.agent.tools().tools().stream().map(t -> t.spec().name()).toList()));
        } else {
            var spec = tool.get().spec();
            var context = new ToolContext(state.runId(), state.request.tenantId(), state.request.userId(), step,
                    state.deadline.shorten(spec.timeout()), state.cancellation);
            try {
                result = pipeline.execute(tool.get(), new ToolCall(use.id(), use.name(), use.input()), context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = ToolResult.error(use.name() + " was interrupted");
                error = Optional.of(new StepError("interrupted", result.content()));
            } catch (Exception e) {
                result = ToolResult.error(use.name() + " failed unexpectedly (" + e.getClass().getSimpleName() + ")");
                error = Optional.of(new StepError("tool_exception", e.getClass().getName()));
            }
        }
        var duration = Duration.between(started, clock.instant());
        if (!Thread.currentThread().isInterrupted()) {
            journal.append(new ToolStep(state.runId(), journal.nextSeq(state.runId()), step, use.id(), use.name(),
                    use.input(), result, started, duration, error));
        }
        events.onEvent(new ToolCallFinished(state.runId(), step, use.id(), use.name(), result.isError(),
                result.degraded(), false, duration, clock.instant()));
        return result;
    }

}
