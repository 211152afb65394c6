package dev.mainstay.reliability.health;

/**
 * A component's view of its own health, for readiness endpoints. Implementations are thread-safe, cheap and
 * non-blocking: {@link #check()} reports state already known (breaker states, pool sizes), it does not call out.
 */
public interface HealthCheck {
    /** A stable name, e.g. {@code breakers}. */
    String name();

    /** The current status; never throws for an unhealthy component, it reports {@code DOWN}. */
    HealthStatus check();
}
