package dev.mainstay.reliability.health;

import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.BreakerStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reports circuit breakers as health. {@code DOWN} when every essential breaker (the model endpoints: with all of
 * them open no run can make progress) is open; {@code DEGRADED} when any breaker, essential or optional (tools), is
 * open or half-open; {@code UP} otherwise. The detail names the breakers that are not closed.
 */
public final class BreakerHealthCheck implements HealthCheck {
    private final String name;
    private final List<BreakerStates> essential;
    private final List<BreakerStates> optional;

    public BreakerHealthCheck(String name, List<? extends BreakerStates> essential, List<? extends BreakerStates> optional) {
        this.name = Objects.requireNonNull(name, "name");
        this.essential = List.copyOf(essential);
        this.optional = List.copyOf(optional);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HealthStatus check() {
        var essentialStates = collect(essential);
        var all = new TreeMap<>(essentialStates);
        all.putAll(collect(optional));
        var notClosed = new ArrayList<String>();
        all.forEach((breaker, state) -> {
            if (state != BreakerState.CLOSED) {
                notClosed.add(breaker + " " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
        });
        if (!essentialStates.isEmpty() && essentialStates.values().stream().allMatch(s -> s == BreakerState.OPEN)) {
            return HealthStatus.down("every model endpoint's breaker is open: " + String.join(", ", notClosed));
        }
        if (!notClosed.isEmpty()) {
            return HealthStatus.degraded(String.join(", ", notClosed));
        }
        return HealthStatus.up("all " + all.size() + " breakers closed");
    }

    private static Map<String, BreakerState> collect(List<BreakerStates> sources) {
        var states = new TreeMap<String, BreakerState>();
        sources.forEach(source -> states.putAll(source.states()));
        return states;
    }
}
