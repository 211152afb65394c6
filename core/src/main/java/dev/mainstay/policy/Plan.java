package dev.mainstay.policy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The side effects a run may take once untrusted content is in its context, fixed from the user's task before any
 * tool runs (plan-then-execute): how many calls of each side-effecting tool the task asked for. Journaled
 * ({@link dev.mainstay.journal.PlanFixed}), so a resumed run keeps the plan it started with.
 */
public record Plan(Map<String, Integer> sideEffects) {
    public static final Plan EMPTY = new Plan(Map.of());

    public Plan {
        Objects.requireNonNull(sideEffects, "sideEffects");
        sideEffects.forEach((tool, count) -> {
            if (count < 1) {
                throw new IllegalArgumentException("a planned side effect is allowed at least once, but " + tool
                        + " had " + count);
            }
        });
        sideEffects = java.util.Collections.unmodifiableMap(new TreeMap<>(sideEffects));
    }

    /** How many calls of {@code tool} the plan allows. */
    public int allowed(String tool) {
        return sideEffects.getOrDefault(tool, 0);
    }
}
