package dev.mainstay.reliability.health;

import java.util.Objects;

/**
 * The result of one {@link HealthCheck}.
 *
 * @param state whether the component works
 * @param detail a short operator-facing explanation; never contains secrets
 */
public record HealthStatus(State state, String detail) {
    /** UP serves normally; DEGRADED serves with reduced capability (e.g. a fallback model); DOWN cannot serve. */
    public enum State {
        UP,
        DEGRADED,
        DOWN
    }

    public HealthStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthStatus up(String detail) {
        return new HealthStatus(State.UP, detail);
    }

    public static HealthStatus degraded(String detail) {
        return new HealthStatus(State.DEGRADED, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(State.DOWN, detail);
    }
}
