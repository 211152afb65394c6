package dev.mainstay.agent;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.TextDelta;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.Usage;
import dev.mainstay.cost.Cost;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** One model call of a run: checks the limits, calls the model through its chain, journals and decides what next. */
final class ModelTurn {
    private final ModelClient model;
    private final Journal journal;
    private final RunListener events;
    private final PriceTable prices;
    private final InstantSource clock;

    ModelTurn(ModelClient model, Journal journal, RunListener events, PriceTable prices, InstantSource clock) {
        this.model = model;
        this.journal = journal;
        this.events = events;
        this.prices = prices;
        this.clock = clock;
    }

    Next execute(RunState state) {
        if (state.cancellation.isCancelled()) {
            return Next.Finish.because(RunStopReason.CANCELLED);
        }
        if (state.deadline.isExpired()) {
            return Next.Finish.because(RunStopReason.DEADLINE_EXCEEDED);
        }
        if (state.modelCalls >= state.agent.limits().maxSteps()) {
            return Next.Finish.because(RunStopReason.MAX_STEPS);
        }
        int step = ++state.modelCalls;
        var agent = state.agent;
        var request = new ModelRequest(agent.model(), agent.systemPrompt(), state.messages,
                agent.tools().definitions(), agent.limits().maxOutputTokens(), agent.stream(),
                agent.cacheSystemPrompt());
        var context = new CallContext(state.runId(), state.request.tenantId(), step, state.deadline,
                state.cancellation, observer(state.runId(), step));
        var started = clock.instant();
        events.onEvent(new ModelCallStarted(state.runId(), step, agent.model(), agent.stream(), started));
        ModelResponse response;
        try {
            response = model.call(request, context);
        } catch (ModelException e) {
            return failed(state, step, request, started, new StepError(e.code(), e.getMessage()), e);
        } catch (RuntimeException e) {
            var error = new StepError("internal_error", "model call failed unexpectedly: " + e.getClass().getName());
            return failed(state, step, request, started, error, e);
        }
        var duration = Duration.between(started, clock.instant());
        var cost = prices.cost(response.model(), response.usage());
        state.usage = state.usage.plus(response.usage());
        state.cost = state.cost.plus(cost);
        journal.append(new ModelStep(state.runId(), journal.nextSeq(state.runId()), step, response.model(),
                request.messages().size(), Optional.of(response), response.usage(), cost, started, duration,
                Optional.empty()));
        events.onEvent(new ModelCallFinished(state.runId(), step, response.model(), response.stopReason(),
                response.usage(), cost, duration, clock.instant()));
        if (!response.content().isEmpty()) {
            state.messages.add(Message.assistant(response.content()));
        }
        if (!response.text().isBlank()) {
            state.lastText = response.text();
        }
        return decide(response, step);
    }

    /** What a model's answer means for the run. */
    static Next decide(ModelResponse response, int step) {
        var reason = response.stopReason();
        boolean wantsTools = !response.toolUses().isEmpty();
        if (reason.equals(StopReason.TOOL_USE) && wantsTools) {
            return new Next.RunTools(response, step);
        }
        if (reason.equals(StopReason.MAX_TOKENS)) {
            return Next.Finish.because(RunStopReason.MAX_TOKENS);
        }
        if (reason.equals(StopReason.REFUSAL)) {
            return Next.Finish.because(RunStopReason.REFUSAL);
        }
        if (reason.equals(StopReason.PAUSE_TURN) && !response.content().isEmpty()) {
            return new Next.CallModel();
        }
        if (!reason.isKnown() && wantsTools) {
            return new Next.RunTools(response, step);
        }
        return Next.Finish.because(RunStopReason.COMPLETED);
    }

    private Next failed(RunState state, int step, ModelRequest request, Instant started, StepError error,
            RuntimeException cause) {
        var duration = Duration.between(started, clock.instant());
        journal.append(new ModelStep(state.runId(), journal.nextSeq(state.runId()), step, request.model(),
                request.messages().size(), Optional.empty(), Usage.ZERO, Cost.ZERO, started, duration,
                Optional.of(error)));
        boolean delivered = cause instanceof ModelException m && m.contentDelivered();
        events.onEvent(new ModelCallFailed(state.runId(), step, request.model(), error.code(), error.message(),
                delivered, duration, clock.instant()));
        if (delivered && state.streamRestarts < state.agent.limits().maxStreamRestarts()
                && !state.cancellation.isCancelled() && !state.deadline.isExpired()) {
            // no layer below may retry once text reached the caller; the run may, as a new step
            state.streamRestarts++;
            return new Next.CallModel();
        }
        RunStopReason reason;
        if (state.cancellation.isCancelled() || cause instanceof ModelCancelledException) {
            reason = RunStopReason.CANCELLED;
        } else if (state.deadline.isExpired() || cause instanceof ModelTimeoutException && deadlineNearlyGone(state)) {
            reason = RunStopReason.DEADLINE_EXCEEDED;
        } else {
            reason = RunStopReason.FAILED;
        }
        return new Next.Finish(reason, Optional.of(error));
    }

    private static boolean deadlineNearlyGone(RunState state) {
        return state.deadline.remaining().compareTo(Duration.ofMillis(50)) < 0;
    }

    private StreamObserver observer(String runId, int step) {
        return new StreamObserver() {
            @Override
            public void onTextDelta(int index, String text) {
                events.onEvent(new TextDelta(runId, step, index, text, clock.instant()));
            }
        };
    }
}
