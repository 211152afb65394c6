package dev.mainstay.dojo;

import dev.mainstay.sim.SpotlightReading;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.brain.ObedientBrain;
import dev.mainstay.sim.brain.ScriptedBrain;
import java.util.Locale;

/** The simulated model: one that obeys every instruction it finds in tool output, or the normal scripted one. */
public enum ModelMode {
    /** {@code ObedientBrain}: follows injected instructions first, then does the user's task. */
    OBEDIENT,
    /** {@code ScriptedBrain}: the simulator's normal mode, which does only what the user asked. */
    NORMAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    Brain brain(long seed) {
        var brain = this == OBEDIENT ? new ObedientBrain(seed) : new ScriptedBrain(seed);
        return new SpotlightReading(brain);
    }
}
