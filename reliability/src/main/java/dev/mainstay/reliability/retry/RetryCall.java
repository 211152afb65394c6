package dev.mainstay.reliability.retry;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Refusal;
import dev.mainstay.model.internal.DeliveryTracker;
import dev.mainstay.reliability.FailureKind;
import dev.mainstay.reliability.RetryDecision;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryBudgetExhausted;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryGaveUp;
import dev.mainstay.reliability.event.ReliabilityEvent.RetryScheduled;
import dev.mainstay.reliability.ratelimit.RateLimits;
import dev.mainstay.reliability.ratelimit.RateLimits.Admission;
import dev.mainstay.reliability.retry.internal.StreamRestarts;
import java.time.Duration;
import java.util.Optional;

/**
 * One logical call through {@link RetryInterceptor}: its attempts, its budget and the endpoint's rate limit. Made
 * per call, used on the call's thread only.
 */
final class RetryCall {
    private final RetryInterceptor link;
    private final ModelInterceptor.Chain chain;
    private final CallContext context;
    private final String endpoint;
    private final RetryBudget budget;
    private final Optional<StreamRestarts.Broken> restart;
    private final int maxAttempts;
    private final boolean breakerProbe;
    private ModelException previous;

    RetryCall(RetryInterceptor link, ModelInterceptor.Chain chain, RetryBudget budget,
            Optional<StreamRestarts.Broken> restart) {
        this.link = link;
        this.chain = chain;
        this.context = chain.context();
        this.endpoint = context.endpoint();
        this.budget = budget;
        this.restart = restart;
        // a half-open breaker's probe is one attempt: its outcome, not a retry sequence, decides the breaker
        this.breakerProbe = link.view().breakerState(endpoint) == BreakerState.HALF_OPEN;
        this.maxAttempts = breakerProbe ? 1 : link.settings().maxAttempts();
    }

    ModelOutcome run() {
        int attempt = restart.map(b -> b.attempts() + 1).orElse(1);
        if (attempt > maxAttempts) {
            link.listener().onEvent(new RetryGaveUp(context.runId(), endpoint, attempt - 1, restart.get().code(),
                    breakerProbe ? "half_open_probe" : "max_attempts"));
            return refuse("retries_exhausted", endpoint + " has used its " + maxAttempts
                    + " attempts on this call; the stream that broke off is not restarted there");
        }
        var admitted = admitFirst();
        if (admitted instanceof Refused refused) {
            return refused.outcome();
        }
        boolean probe = ((Admitted) admitted).probe();
        if (restart.isPresent()) {
            if (!budget.tryAcquireRetry()) {
                if (probe) {
                    link.rateLimits().released(endpoint);
                }
                link.listener().onEvent(new RetryBudgetExhausted(context.runId(), endpoint, attempt - 1,
                        restart.get().code()));
                return refuse("retry_budget_exhausted", endpoint + "'s retry budget is spent; the stream that "
                        + "broke off is not restarted there");
            }
            link.listener().onEvent(new RetryScheduled(context.runId(), endpoint, attempt - 1, Duration.ZERO,
                    restart.get().code()));
        } else {
            budget.recordRequest();
        }
        for (; ; attempt++) {
            var tracker = new DeliveryTracker(context.observer());
            ModelOutcome outcome;
            try {
                outcome = chain.proceed(chain.request(), context.withObserver(tracker));
            } catch (ModelException failure) {
                failure.addBilled(previous);
                previous = failure;
                var delay = afterFailure(failure, attempt, probe, tracker.delivered());
                sleep(delay, failure, attempt);
                stopIfOpen(failure, attempt);
                probe = admitRetry(failure, attempt);
                continue;
            }
            switch (outcome) {
                case ModelOutcome.Answered ignored -> {
                    link.rateLimits().ended(endpoint, probe, false);
                    link.restarts().forget(context.runId());
                }
                case ModelOutcome.Refused ignored -> {
                    if (probe) {
                        link.rateLimits().released(endpoint);
                    }
                }
            }
            // the failed attempts before this outcome were billed too: the outcome carries them to the ledger
            return previous == null ? outcome : outcome.withEarlierBilled(previous.billed());
        }
    }

    /** The outcome of asking the rate limit before the first attempt. */
    private sealed interface Gate permits Admitted, Refused {}

    private record Admitted(boolean probe) implements Gate {}

    private record Refused(ModelOutcome.Refused outcome) implements Gate {}

    private Gate admitFirst() {
        var admission = link.rateLimits().admit(endpoint, link.view().hasAlternative(endpoint));
        return switch (admission) {
            case Admission.Go go -> new Admitted(go.probe());
            case Admission.Skip skip -> {
                link.listener().onEvent(new CallRejected(context.runId(), RateLimits.POLICY + ":" + endpoint,
                        RateLimits.CODE));
                yield new Refused(new ModelOutcome.Refused(Refusal.ofEndpoint(RateLimits.POLICY, RateLimits.CODE,
                        endpoint, endpoint + " is rate-limited until " + skip.until()
                                + (skip.probeInFlight() ? " (a probe is in flight)" : "")
                                + "; the call goes to the next endpoint")));
            }
            case Admission.Wait wait -> {
                var delay = link.backoff().delay(1, Optional.of(wait.duration()));
                if (delay.compareTo(context.deadline().remaining()) >= 0) {
                    link.listener().onEvent(new CallRejected(context.runId(), RateLimits.POLICY + ":" + endpoint,
                            RateLimits.CODE));
                    yield new Refused(new ModelOutcome.Refused(Refusal.ofEndpoint(RateLimits.POLICY,
                            RateLimits.CODE, endpoint, endpoint + " is rate-limited until " + wait.until()
                                    + ", after the run's deadline")));
                }
                sleep(delay, null, 0);
                yield new Admitted(false);
            }
        };
    }

    /**
     * Before a retry: a limit that another call recorded meanwhile sends the call elsewhere, or makes it wait.
     * Returns whether the retry is the endpoint's rate-limit probe.
     */
    private boolean admitRetry(ModelException failure, int attempt) {
        var admission = link.rateLimits().admit(endpoint, link.view().hasAlternative(endpoint));
        return switch (admission) {
            case Admission.Go go -> go.probe();
            case Admission.Skip ignored -> throw giveUp(failure, attempt, "rate_limited");
            case Admission.Wait wait -> {
                var delay = link.backoff().delay(1, Optional.of(wait.duration()));
                if (delay.compareTo(context.deadline().remaining()) >= 0) {
                    throw giveUp(failure, attempt, "deadline");
                }
                sleep(delay, failure, attempt);
                yield false;
            }
        };
    }

    /** The wait before the next attempt, or rethrows {@code failure} when there must be none. */
    private Duration afterFailure(ModelException failure, int attempt, boolean probe, boolean delivered) {
        var decision = link.classifier().classify(failure, context.deadline());
        var hint = rateLimitHint(failure, decision);
        hint.ifPresent(h -> link.rateLimits().limit(endpoint, link.clock().instant().plus(h)));
        link.rateLimits().ended(endpoint, probe, decision.kind() == FailureKind.RATE_LIMITED);
        var code = failure.code();
        if (delivered || decision instanceof RetryDecision.NotRetryable(var k, var r) && r.equals("content_delivered")) {
            // the run may call again (a new step): that restart continues this call's attempts and budget
            link.restarts().remember(context.runId(), endpoint, attempt, code);
            throw giveUp(failure, attempt, "content_delivered");
        }
        if (decision instanceof RetryDecision.NotRetryable notRetryable) {
            failure.recordRetryStop(notRetryable.reason());
            throw failure;
        }
        var retryable = (RetryDecision.Retryable) decision;
        if (hint.isPresent() && link.view().hasAlternative(endpoint)) {
            throw giveUp(failure, attempt, "rate_limited");
        }
        if (attempt >= maxAttempts) {
            throw giveUp(failure, attempt, breakerProbe ? "half_open_probe" : "max_attempts");
        }
        stopIfOpen(failure, attempt);
        var serverHint = retryable.serverHint();
        if (serverHint.isPresent() && serverHint.get().compareTo(link.settings().maxHintDelay()) > 0) {
            throw giveUp(failure, attempt, "hint_too_long");
        }
        var delay = link.backoff().delay(attempt, serverHint);
        if (delay.compareTo(context.deadline().remaining()) >= 0) {
            throw giveUp(failure, attempt, "deadline");
        }
        if (!budget.tryAcquireRetry()) {
            link.listener().onEvent(new RetryBudgetExhausted(context.runId(), endpoint, attempt, code));
            failure.recordRetryStop("retry_budget_exhausted");
            throw failure;
        }
        link.listener().onEvent(new RetryScheduled(context.runId(), endpoint, attempt, delay, code));
        return delay;
    }

    /** The wait a 429 asked for, when it is a rate limit (not a spend limit) with a reset hint. */
    private Optional<Duration> rateLimitHint(ModelException failure, RetryDecision decision) {
        if (decision.kind() != FailureKind.RATE_LIMITED || !(failure instanceof ModelApiException api)) {
            return Optional.empty();
        }
        return link.classifier().serverHint(api.headers()).filter(h -> !h.isZero());
    }

    private void stopIfOpen(ModelException failure, int attempt) {
        if (link.view().breakerState(endpoint) == BreakerState.OPEN) {
            throw giveUp(failure, attempt, "circuit_open");
        }
    }

    /** Records why {@code failure} is not retried, and returns it for the caller to throw. */
    private ModelException giveUp(ModelException failure, int attempt, String reason) {
        link.listener().onEvent(new RetryGaveUp(context.runId(), endpoint, attempt, failure.code(), reason));
        failure.recordRetryStop(reason);
        return failure;
    }

    private ModelOutcome.Refused refuse(String code, String message) {
        link.listener().onEvent(new CallRejected(context.runId(), RetryInterceptor.POLICY + ":" + endpoint, code));
        return new ModelOutcome.Refused(Refusal.ofEndpoint(RetryInterceptor.POLICY, code, endpoint, message));
    }

    /** Sleeps {@code delay}; a cancelled run ends the call. {@code failure} is null before any attempt. */
    private void sleep(Duration delay, ModelException failure, int attempt) {
        var thread = Thread.currentThread();
        var interrupted = false;
        var registration = context.cancellation().onCancel(thread::interrupt);
        try {
            link.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            registration.close();
        }
        var cancelled = context.cancellation().isCancelled();
        if (cancelled) {
            Thread.interrupted(); // the interrupt, if any, was ours: do not leak it to the caller
        } else if (interrupted) {
            thread.interrupt(); // someone else's interrupt: keep it visible
        }
        if (cancelled || interrupted) {
            link.listener().onEvent(new RetryGaveUp(context.runId(), endpoint, attempt,
                    failure == null ? "cancelled" : failure.code(), "cancelled"));
            var stop = new ModelCancelledException(false);
            stop.addBilled(failure);
            stop.recordRetryStop("cancelled");
            throw stop;
        }
    }
}
