package dev.mainstay.reliability.bulkhead;

import dev.mainstay.model.ModelCallRejectedException;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.bulkhead.internal.AimdLimiter;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.LimitChanged;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Limits concurrent calls to one provider with a limit that adapts to it (AIMD, see {@link AimdLimiter}): each
 * fast success raises the limit a little; each 429, 529/{@code overloaded_error} or timeout multiplies it by 0.9 (by default, as
 * Netflix's {@code AIMDLimit}: a load-independent overload window must not starve the endpoint).
 * A call beyond the limit waits for a slot up to {@link AdaptiveConcurrencyConfig#maxWait()}, never past the run's
 * deadline, then is rejected with {@code ModelCallRejectedException("concurrency-limit", "concurrency_limit", …)}.
 *
 * <p>Placed inside the retry interceptor, it sees every attempt, so overload shrinks the window at once, and a call
 * does not hold a slot while it sleeps between retries. Latency is read on the injected clock. Thread-safe; one
 * instance per provider endpoint (a model on a provider: capacity and rate limits are per model).
 */
public final class AdaptiveConcurrencyInterceptor implements ModelInterceptor {
    /** The policy name carried by rejections. */
    public static final String POLICY = "concurrency-limit";

    private final String name;
    private final AdaptiveConcurrencyConfig config;
    private final AimdLimiter limiter;
    private final RetryClassifier classifier;
    private final InstantSource clock;
    private final ReliabilityListener listener;

    public AdaptiveConcurrencyInterceptor(
            String name,
            AdaptiveConcurrencyConfig config,
            RetryClassifier classifier,
            InstantSource clock,
            ReliabilityListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = ReliabilityListener.safe(listener);
        this.limiter = new AimdLimiter(config);
    }

    @Override
    public ModelResponse intercept(Chain chain) {
        var context = chain.context();
        var permit = acquire(context.deadline().timeoutFor(config.maxWait()));
        var start = clock.instant();
        try {
            var response = chain.proceed(chain.request(), context);
            report(limiter.onSuccess(permit, Duration.between(start, clock.instant())));
            return response;
        } catch (ModelException failure) {
            report(classifier.kind(failure).signalsOverload() ? limiter.onOverload(permit) : limiter.onIgnored(permit));
            throw failure;
        } catch (RuntimeException | Error bug) {
            limiter.onIgnored(permit);
            throw bug;
        }
    }

    private AimdLimiter.Permit acquire(Duration wait) {
        try {
            var permit = limiter.acquire(wait);
            if (permit.isPresent()) {
                return permit.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCancelledException(false);
        }
        listener.onEvent(new CallRejected(POLICY, "concurrency_limit"));
        throw new ModelCallRejectedException(POLICY, "concurrency_limit",
                name + " is at its concurrency limit of " + limiter.limit() + "; try again shortly");
    }

    private void report(AimdLimiter.Change change) {
        if (change.changed()) {
            listener.onEvent(new LimitChanged(name, change.oldLimit(), change.newLimit()));
        }
    }

    public String name() {
        return name;
    }

    /** The current limit; exported as the {@code mainstay.concurrency.limit} gauge. */
    public int limit() {
        return limiter.limit();
    }

    /** Calls holding a slot now. */
    public int inFlight() {
        return limiter.inFlight();
    }
}
