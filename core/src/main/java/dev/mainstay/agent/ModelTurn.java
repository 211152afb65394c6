package dev.mainstay.agent;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.TextDelta;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import dev.mainstay.observe.LogFields;
import org.slf4j.MDC;

/** One model call of a run: checks the limits, calls the model through its chain, records the step. */
final class ModelTurn {
    /** Below this much time left, a timed-out call is the run running out of time rather than a slow provider. */
    private static final Duration DEADLINE_SLACK = Duration.ofMillis(50);

    private final ModelChain chain;
    private final InstantSource clock;

    ModelTurn(ModelChain chain, InstantSource clock) {
        this.chain = chain;
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
        int step = state.modelCalls + 1;
        MDC.put(LogFields.STEP, Integer.toString(step));
        var agent = state.agent;
        var request = ModelRequests.next(state);
        switch (RunBudget.model(state, request, chain.prices())) {
            case RunBudget.Fit.Fits fits -> request = fits.request();
            case RunBudget.Fit.Exceeded exceeded -> {
                return new Next.Finish(RunStopReason.BUDGET_EXCEEDED, Optional.of(exceeded.error()));
            }
        }
        var context = new CallContext(state.runId(), state.request.tenantId(), state.request.userId(), step,
                state.deadline, state.cancellation, observer(state, step), CallContext.NO_ENDPOINT,
                state.request.cacheResponses());
        var started = clock.instant();
        state.events.emit(meta -> new ModelCallStarted(meta, step, agent.model(), agent.stream()));
        ModelOutcome outcome;
        try {
            outcome = chain.call(request, context);
        } catch (ModelException e) {
            return failed(state, step, request, started, new StepError(e.code(), e.getMessage()), e, e.attempts());
        } catch (RuntimeException e) {
            if (e instanceof dev.mainstay.journal.FencedOutException) {
                throw e;
            }
            var error = new StepError("internal_error", "model call failed unexpectedly: " + e.getClass().getName());
            return failed(state, step, request, started, error, e, List.of());
        }
        return switch (outcome) {
            case ModelOutcome.Answered answered -> answered(state, step, request, started, answered);
            case ModelOutcome.Refused refused -> refused(state, step, request, started, refused);
        };
    }

    private Next answered(RunState state, int step, ModelRequest request, Instant started,
            ModelOutcome.Answered answered) {
        var response = answered.response();
        var duration = Duration.between(started, clock.instant());
        // the step's totals count every billed attempt of this call: the answer and the failed attempts before it
        var usage = answered.usage();
        state.record(new ModelStep(step, response.model(), request.messages().size(), Optional.of(response),
                usage, answered.cost(), answered.failovers(), started, duration, Optional.empty(),
                answered.billed(), chain.prices().version(), answered.route(), answered.cacheHit()));
        state.events.emit(meta -> new ModelCallFinished(meta, step, response.model(), response.stopReason(),
                usage, answered.cost(), answered.failovers(), duration));
        return RunFold.next(state);
    }

    private Next refused(RunState state, int step, ModelRequest request, Instant started,
            ModelOutcome.Refused refused) {
        var refusal = refused.refusal();
        var error = new StepError(refusal.code(), refusal.message());
        if (refused.billed().isEmpty() && !state.cancellation.isCancelled() && !state.deadline.isExpired()
                && state.yieldOn.test(refusal)) {
            // nothing was sent or billed: the call is told, not journaled, and a later claim makes it
            var model = refused.failovers().isEmpty() ? request.model() : refused.failovers().getLast().model();
            var duration = Duration.between(started, clock.instant());
            state.events.emit(meta -> new ModelCallFailed(meta, step, model, error.code(), error.message(), false,
                    duration));
            return new Next.Finish(RunStopReason.YIELDED, Optional.of(error));
        }
        record(state, step, request, started, error, refused.failovers(), refused.billed());
        var reason = switch (refusal.scope()) {
            case ENDPOINT -> RunStopReason.FAILED;
            case BUDGET -> RunStopReason.BUDGET_EXCEEDED;
            case POLICY -> RunStopReason.POLICY_DENIED;
        };
        return new Next.Finish(reason, Optional.of(error));
    }

    private Next failed(RunState state, int step, ModelRequest request, Instant started, StepError error,
            RuntimeException cause, List<Failover> failovers) {
        var billed = cause instanceof ModelException m ? m.billed() : List.<BilledAttempt>of();
        boolean delivered = record(state, step, request, started, error, failovers, billed, cause);
        if (delivered && state.streamRestarts <= state.agent.limits().maxStreamRestarts()
                && !state.cancellation.isCancelled() && !state.deadline.isExpired()) {
            // no layer below may retry once text reached the caller; the run may, as a new step
            return new Next.CallModel();
        }
        RunStopReason reason;
        if (state.cancellation.isCancelled() || cause instanceof ModelCancelledException) {
            reason = RunStopReason.CANCELLED;
        } else if (state.deadline.isExpired()
                || cause instanceof ModelTimeoutException && state.deadline.remaining().compareTo(DEADLINE_SLACK) < 0) {
            reason = RunStopReason.DEADLINE_EXCEEDED;
        } else {
            reason = RunStopReason.FAILED;
        }
        return new Next.Finish(reason, Optional.of(error));
    }

    private void record(RunState state, int step, ModelRequest request, Instant started, StepError error,
            List<Failover> failovers, List<BilledAttempt> billed) {
        record(state, step, request, started, error, failovers, billed, null);
    }

    /** Records a step that produced no answer; returns whether streamed content had reached listeners. */
    private boolean record(RunState state, int step, ModelRequest request, Instant started, StepError error,
            List<Failover> failovers, List<BilledAttempt> billed, RuntimeException cause) {
        var duration = Duration.between(started, clock.instant());
        // the model that failed last: the last endpoint a fallback tried, else the one asked for
        var model = failovers.isEmpty() ? request.model() : failovers.getLast().model();
        // a stream that broke off was billed for what it delivered: the step records it, the run's totals add it
        var usage = cause instanceof ModelException m ? m.billedUsage() : sumUsage(billed);
        var cost = cause instanceof ModelException m ? m.billedCost() : sumCost(billed);
        state.record(new ModelStep(step, model, request.messages().size(), Optional.empty(), usage, cost,
                failovers, started, duration, Optional.of(error), billed, chain.prices().version()));
        boolean delivered = cause instanceof ModelException m && m.contentDelivered();
        state.events.emit(meta -> new ModelCallFailed(meta, step, model, error.code(), error.message(),
                delivered, duration));
        return delivered;
    }

    private static Usage sumUsage(List<BilledAttempt> billed) {
        var usage = Usage.ZERO;
        for (var attempt : billed) {
            usage = usage.plus(attempt.usage());
        }
        return usage;
    }

    private static Cost sumCost(List<BilledAttempt> billed) {
        var cost = Cost.ZERO;
        for (var attempt : billed) {
            cost = cost.plus(attempt.cost());
        }
        return cost;
    }

    private static StreamObserver observer(RunState state, int step) {
        if (!state.agent.stream()) {
            return StreamObserver.NONE;
        }
        return new StreamObserver() {
            @Override
            public void onTextDelta(int index, String text) {
                state.events.emit(meta -> new TextDelta(meta, step, index, text));
            }
        };
    }
}
