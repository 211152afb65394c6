package dev.mainstay.sim;

import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.brain.ObedientBrain;
import dev.mainstay.sim.brain.RunawayBrain;
import dev.mainstay.sim.brain.ScriptedBrain;

/** The brain each mode uses when the configuration names none. */
final class DefaultBrains {
    private DefaultBrains() {}

    /** Every default brain reads spotlighted tool output as a model would ({@link SpotlightReading}). */
    static Brain forMode(SimMode mode, long seed) {
        return new SpotlightReading(plain(mode, seed));
    }

    private static Brain plain(SimMode mode, long seed) {
        return switch (mode) {
            case SCRIPTED -> new ScriptedBrain(seed);
            case RUNAWAY -> new RunawayBrain(seed);
            case OBEDIENT -> new ObedientBrain(seed);
        };
    }
}
