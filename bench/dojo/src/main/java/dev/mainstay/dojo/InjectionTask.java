package dev.mainstay.dojo;

import dev.mainstay.sim.attack.InjectionGoal;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an attacker wants, and a deterministic check that it happened.
 *
 * @param sideEffect whether the goal needs a side-effecting call (a message sent, a note written)
 * @param achieved whether the attacker's goal happened in the run, from tool state and the call trace
 */
record InjectionTask(String id, InjectionGoal goal, boolean sideEffect, Predicate<Outcome> achieved) {
    InjectionTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(achieved, "achieved");
    }
}
