package dev.mainstay.sim;

import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.brain.Reply;
import java.util.List;

/** The brain each mode uses when the configuration names none. */
final class DefaultBrains {
    private DefaultBrains() {}

    // PLACEHOLDER until dev.mainstay.sim.brain's ScriptedBrain, RunawayBrain and ObedientBrain exist: the lead
    // replaces the body with `return switch (mode) { case SCRIPTED -> new ScriptedBrain(seed); … };`
    static Brain forMode(SimMode mode, long seed) {
        return request -> new Reply(
                List.of(new TextBlock("The Mainstay simulator (" + mode.wire() + " mode) has no brain wired yet.")),
                StopReason.END_TURN);
    }
}
