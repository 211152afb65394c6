package dev.mainstay.reliability.breaker;

import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Refusal;
import dev.mainstay.reliability.FailureKind;
import dev.mainstay.reliability.RetryClassifier;
import dev.mainstay.reliability.breaker.internal.Breaker;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.internal.PerEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A circuit breaker per model endpoint ({@link dev.mainstay.model.CallContext#endpoint()}), in the chain's
 * {@code BREAKER} slot. While an endpoint's breaker is open, calls to it are refused at once without touching the
 * network — {@code Refused(circuit-breaker, circuit_open)}, scoped to the endpoint — so the fallback link moves on
 * at once instead of waiting through retries.
 *
 * <p>Only failures that say the provider is unhealthy are recorded: overloaded, 5xx, timeouts, connection failures
 * ({@link FailureKind#indicatesProviderTrouble()}). A 400, a 429, a cancelled call or a refusal by an inner policy is
 * not recorded at all, neither as success nor as failure. Placed outside the retry link, it records one outcome per
 * logical call, after retries. Thread-safe; one instance serves every endpoint.
 */
public final class ModelCircuitBreakerInterceptor implements ModelInterceptor, BreakerStates {
    /** The policy name carried by refusals. */
    public static final String POLICY = "circuit-breaker";

    private final PerEndpoint<Breaker> breakers;
    private final RetryClassifier classifier;
    private final InstantSource clock;
    private final ReliabilityListener listener;

    /** @param endpoints the endpoints known at start-up; others get a breaker on first use */
    public ModelCircuitBreakerInterceptor(
            List<String> endpoints,
            CircuitBreakerConfig config,
            RetryClassifier classifier,
            InstantSource clock,
            ReliabilityListener listener) {
        Objects.requireNonNull(config, "config");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = ReliabilityListener.safe(listener);
        this.breakers = new PerEndpoint<>(endpoints, name -> new Breaker(name, config, clock, this.listener));
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var endpoint = context.endpoint();
        var breaker = breakers.get(endpoint);
        if (!breaker.tryAcquire(context.runId())) {
            listener.onEvent(new CallRejected(context.runId(), policy(endpoint), "circuit_open"));
            return new ModelOutcome.Refused(Refusal.ofEndpoint(POLICY, "circuit_open", endpoint,
                    endpoint + " failed repeatedly; failing fast until its breaker half-opens"));
        }
        var start = clock.instant();
        ModelOutcome outcome;
        try {
            outcome = chain.proceed(chain.request(), context);
        } catch (ModelException failure) {
            var kind = classifier.kind(failure);
            // a timeout at the run's own deadline measures the run's budget, not the provider's health
            boolean runOutOfTime = kind == FailureKind.TIMEOUT && context.deadline().isExpired();
            if (kind.indicatesProviderTrouble() && !runOutOfTime) {
                breaker.onFailure(context.runId(), since(start), failure);
            } else {
                breaker.onIgnored();
            }
            throw failure;
        } catch (RuntimeException | Error bug) {
            breaker.onIgnored();
            throw bug;
        }
        switch (outcome) {
            case ModelOutcome.Answered ignored -> breaker.onSuccess(context.runId(), since(start));
            case ModelOutcome.Refused ignored -> breaker.onIgnored();
        }
        return outcome;
    }

    private Duration since(Instant start) {
        var elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    /** The policy name events carry for {@code endpoint}: {@code circuit-breaker:<endpoint>}. */
    public static String policy(String endpoint) {
        return POLICY + ":" + endpoint;
    }

    /** The state of {@code endpoint}'s breaker; {@link BreakerState#CLOSED} for an endpoint never called. */
    public BreakerState state(String endpoint) {
        return breakers.find(endpoint).map(Breaker::state).orElse(BreakerState.CLOSED);
    }

    /**
     * Whether {@code endpoint}'s breaker would let a call through now or at once: closed, half-open, or open with its
     * open period over. True for an endpoint never called. Reads only.
     */
    public boolean admitsCalls(String endpoint) {
        return breakers.find(endpoint).map(Breaker::admitsCalls).orElse(true);
    }

    /** States by endpoint name. */
    @Override
    public Map<String, BreakerState> states() {
        var states = new TreeMap<String, BreakerState>();
        breakers.forEach((name, breaker) -> states.put(name, breaker.state()));
        return states;
    }
}
