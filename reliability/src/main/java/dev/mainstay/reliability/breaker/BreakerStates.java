package dev.mainstay.reliability.breaker;

import java.util.Map;

/** Something that owns circuit breakers and can report their current states, for health checks and gauges. */
public interface BreakerStates {
    /** The current state of every breaker, by breaker name; a snapshot, safe to keep. */
    Map<String, BreakerState> states();
}
