package dev.mainstay.dojo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.sim.attack.Placement;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Something the user asks the agent, with a deterministic check that it was done.
 *
 * @param reads the untrusted outputs the task reads, where an attack on it is planted
 * @param utility whether the run did what was asked, from tool state, the call trace and the answer
 * @param expects which side-effecting calls the user asked for: the simulated reviewer approves exactly these
 */
record UserTask(String id, String prompt, Set<Placement> reads, Predicate<Outcome> utility,
        BiPredicate<String, ObjectNode> expects) {
    UserTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        reads = Set.copyOf(reads);
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("user task " + id + " reads no untrusted output: no attack can reach it");
        }
    }

    /** Asks for no side effect at all. */
    static BiPredicate<String, ObjectNode> nothing() {
        return (tool, input) -> false;
    }
}
