package dev.mainstay.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run fixed from the trusted part of its context right after it opened, before any tool ran: the side
 * effects the user's task asked for (plan-then-execute) and the random boundary spotlighting wraps untrusted tool
 * output in. Journaled so that a resumed run keeps both.
 *
 * @param sideEffects how many calls of each side-effecting tool the task planned
 * @param boundary the spotlighting boundary, empty when the agent does not spotlight
 */
public record PlanFixed(Map<String, Integer> sideEffects, String boundary, Instant at) implements PolicyEntry {
    public PlanFixed {
        sideEffects = java.util.Collections.unmodifiableMap(new TreeMap<>(sideEffects));
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(at, "at");
    }
}
