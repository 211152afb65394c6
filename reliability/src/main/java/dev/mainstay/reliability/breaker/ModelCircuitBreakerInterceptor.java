package dev.mainstay.reliability.breaker;

import dev.mainstay.model.ModelCallRejectedException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.reliability.FailureKind;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.breaker.internal.Breaker;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * A circuit breaker in front of one model endpoint. While open it fails every call fast with
 * {@code ModelCallRejectedException(policy = "circuit-breaker:<name>", reason = "circuit_open")} without touching
 * the network, so a fallback can move on at once instead of waiting through retries.
 *
 * <p>Only failures that say the provider is unhealthy are recorded: overloaded, 5xx, timeouts, connection failures
 * ({@link dev.mainstay.reliability.FailureKind#indicatesProviderTrouble()}). A 400, a 429, a cancelled call or a call
 * rejected by an inner policy is not recorded at all, neither as success nor as failure. Placed outside the retry
 * interceptor, it records one outcome per logical call, after retries.
 *
 * <p>Thread-safe; one instance per endpoint.
 */
public final class ModelCircuitBreakerInterceptor implements ModelInterceptor, BreakerStates {
    private final String name;
    private final Breaker breaker;
    private final RetryClassifier classifier;
    private final InstantSource clock;
    private final ReliabilityListener listener;

    public ModelCircuitBreakerInterceptor(
            String name,
            CircuitBreakerConfig config,
            RetryClassifier classifier,
            InstantSource clock,
            ReliabilityListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = ReliabilityListener.safe(listener);
        this.breaker = new Breaker(name, Objects.requireNonNull(config, "config"), clock, this.listener);
    }

    @Override
    public ModelResponse intercept(Chain chain) {
        if (!breaker.tryAcquire()) {
            var policy = policy();
            listener.onEvent(new CallRejected(policy, "circuit_open"));
            throw new ModelCallRejectedException(policy, "circuit_open",
                    name + " failed repeatedly; failing fast until the breaker half-opens");
        }
        var start = clock.instant();
        try {
            var response = chain.proceed(chain.request(), chain.context());
            breaker.onSuccess(since(start));
            return response;
        } catch (ModelException failure) {
            var kind = classifier.kind(failure);
            // a timeout at the run's own deadline measures the run's budget, not the provider's health
            boolean runOutOfTime = kind == FailureKind.TIMEOUT && chain.context().deadline().isExpired();
            if (kind.indicatesProviderTrouble() && !runOutOfTime) {
                breaker.onFailure(since(start), failure);
            } else {
                breaker.onIgnored();
            }
            throw failure;
        } catch (RuntimeException | Error bug) {
            breaker.onIgnored();
            throw bug;
        }
    }

    private Duration since(Instant start) {
        var elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    /** The policy name carried by rejections: {@code circuit-breaker:<name>}. */
    public String policy() {
        return "circuit-breaker:" + name;
    }

    public String name() {
        return name;
    }

    public BreakerState state() {
        return breaker.state();
    }

    @Override
    public Map<String, BreakerState> states() {
        return Map.of(name, breaker.state());
    }
}
