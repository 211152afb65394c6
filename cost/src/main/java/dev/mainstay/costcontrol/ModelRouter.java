package dev.mainstay.costcontrol;

import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The {@link dev.mainstay.model.ModelChain.Slot#ROUTING} link: sends each call to the model of the first
 * {@link RoutingRules rule} it meets, or on with its configured model when it meets none. The rule that chose is
 * carried on the answer ({@link ModelOutcome.Answered#route()}) so the journal's step records it next to the model
 * that answered. A refusal or a failure further down passes through unchanged.
 *
 * <p>An endpoint configured with a fixed model ({@link dev.mainstay.model.ModelEndpoint#model()}) still uses its
 * own model: routing chooses only for endpoints that take the request's model.
 *
 * <p>Metrics: {@code mainstay.routing.decisions} counts calls by {@code rule} (the condition, or {@code default}
 * when none matched). Thread-safe and stateless beyond its counters.
 */
public final class ModelRouter implements ModelInterceptor {
    /** The {@code rule} tag of calls no rule matched. */
    public static final String DEFAULT = "default";

    private final RoutingRules rules;
    private final MeterRegistry registry;

    public ModelRouter(RoutingRules rules, MeterRegistry registry) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var request = chain.request();
        var chosen = rules.choose(request, chain.context());
        if (chosen.isEmpty()) {
            count(DEFAULT);
            return chain.proceed(request);
        }
        var rule = chosen.get();
        count(rule.condition());
        var outcome = chain.proceed(request.withModel(rule.model()));
        return outcome instanceof ModelOutcome.Answered answered ? answered.withRoute(rule.condition()) : outcome;
    }

    private void count(String rule) {
        Counter.builder("mainstay.routing.decisions").description("Model calls by the routing rule that chose "
                + "their model").tag("rule", rule).register(registry).increment();
    }
}
