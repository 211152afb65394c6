package dev.mainstay.reliability.bulkhead;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Refusal;
import dev.mainstay.reliability.internal.PerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.bulkhead.internal.AimdLimiter;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.LimitChanged;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Limits concurrent calls to each model endpoint with a limit that adapts to it (AIMD, see {@link AimdLimiter}): each
 * fast success raises the limit a little; each 429, 529/{@code overloaded_error} or timeout multiplies it by 0.9 (by default, as
 * Netflix's {@code AIMDLimit}: a load-independent overload window must not starve the endpoint).
 * A call beyond the limit waits for a slot up to {@link AdaptiveConcurrencyConfig#maxWait()}, never past the run's
 * deadline, then is refused with {@code Refused(concurrency-limit, concurrency_limit)}, scoped to the endpoint; when
 * {@link AdaptiveConcurrencyConfig#maxWaiters()} calls are waiting already it is refused at once with
 * {@code concurrency_queue_full}.
 *
 * <p>Placed inside the retry interceptor, it sees every attempt, so overload shrinks the window at once, and a call
 * does not hold a slot while it sleeps between retries. Latency is read on the injected clock. Thread-safe; one
 * instance per provider endpoint (a model on a provider: capacity and rate limits are per model).
 */
public final class AdaptiveConcurrencyInterceptor implements ModelInterceptor {
    /** The policy name carried by rejections. */
    public static final String POLICY = "concurrency-limit";

    private final AdaptiveConcurrencyConfig config;
    private final PerEndpoint<AimdLimiter> limiters;
    private final RetryClassifier classifier;
    private final InstantSource clock;
    private final ReliabilityListener listener;

    /** @param endpoints the endpoints known at start-up, whose limits exist from the start */
    public AdaptiveConcurrencyInterceptor(
            List<String> endpoints,
            AdaptiveConcurrencyConfig config,
            RetryClassifier classifier,
            InstantSource clock,
            ReliabilityListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = ReliabilityListener.safe(listener);
        this.limiters = new PerEndpoint<>(endpoints, name -> new AimdLimiter(config));
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var limiter = limiters.get(context.endpoint());
        var acquisition = acquire(limiter, context.deadline().timeoutFor(config.maxWait()));
        if (acquisition.permit().isEmpty()) {
            boolean full = acquisition.reason() == AimdLimiter.NoSlot.QUEUE_FULL;
            var code = full ? "concurrency_queue_full" : "concurrency_limit";
            listener.onEvent(new CallRejected(context.runId(), POLICY, code));
            return new ModelOutcome.Refused(Refusal.ofEndpoint(POLICY, code, context.endpoint(), full
                    ? context.endpoint() + " has " + config.maxWaiters() + " calls waiting for a slot already; "
                            + "refused at once"
                    : context.endpoint() + " is at its concurrency limit of " + limiter.limit()
                            + "; try again shortly"));
        }
        var permit = acquisition.permit().get();
        var start = clock.instant();
        try {
            var outcome = chain.proceed(chain.request(), context);
            report(context, switch (outcome) {
                case ModelOutcome.Answered ignored -> limiter.onSuccess(permit, Duration.between(start, clock.instant()));
                case ModelOutcome.Refused ignored -> limiter.onIgnored(permit);
            });
            return outcome;
        } catch (ModelException failure) {
            report(context, classifier.kind(failure).signalsOverload()
                    ? limiter.onOverload(permit) : limiter.onIgnored(permit));
            throw failure;
        } catch (RuntimeException | Error bug) {
            limiter.onIgnored(permit);
            throw bug;
        }
    }

    /** A slot, or why none was given. */
    private static AimdLimiter.Acquisition acquire(AimdLimiter limiter, Duration wait) {
        try {
            return limiter.acquire(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCancelledException(false);
        }
    }

    private void report(CallContext context, AimdLimiter.Change change) {
        if (change.changed()) {
            listener.onEvent(new LimitChanged(context.runId(), context.endpoint(), change.oldLimit(), change.newLimit()));
        }
    }

    /** The current limit of {@code endpoint}; exported as the {@code mainstay.concurrency.limit} gauge. */
    public int limit(String endpoint) {
        return limiters.get(endpoint).limit();
    }

    /** Calls of {@code endpoint} holding a slot now. */
    public int inFlight(String endpoint) {
        return limiters.get(endpoint).inFlight();
    }

    /** The endpoints this limiter knows, sorted. */
    public List<String> endpoints() {
        return List.copyOf(limiters.snapshot().keySet());
    }

    /** Limits by endpoint name; a snapshot. */
    public Map<String, Integer> limits() {
        var limits = new TreeMap<String, Integer>();
        limiters.forEach((name, limiter) -> limits.put(name, limiter.limit()));
        return limits;
    }
}
