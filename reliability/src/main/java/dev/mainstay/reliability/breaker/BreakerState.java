package dev.mainstay.reliability.breaker;

/** A circuit breaker's state, as Mainstay reports it in events, metrics and health checks. */
public enum BreakerState {
    /** Calls flow; outcomes are recorded. */
    CLOSED(0),
    /** Calls fail fast without reaching the provider or tool. */
    OPEN(1),
    /** A few probe calls are let through to decide between closing and opening again. */
    HALF_OPEN(2);

    private final int gaugeValue;

    BreakerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    /** The value of the {@code mainstay.breaker.state} gauge: 0 closed, 1 open, 2 half-open. */
    public int gaugeValue() {
        return gaugeValue;
    }
}
