package dev.mainstay.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the simulated model behaves when no explicit brain is configured: {@code SCRIPTED} plays the reference
 * agent's tools sensibly, {@code RUNAWAY} never stops calling tools (to exercise step and budget limits),
 * {@code OBEDIENT} does whatever text in its context tells it to (to exercise prompt-injection defences).
 */
public enum SimMode {
    SCRIPTED,
    RUNAWAY,
    OBEDIENT;

    /** The lower-case spelling used on the wire and on the command line. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException for an unknown name, naming the known ones
     */
    public static SimMode parse(String name) {
        if (name != null) {
            var key = name.trim().toUpperCase(Locale.ROOT);
            for (var mode : values()) {
                if (mode.name().equals(key)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("unknown simulator mode '" + name + "'; known modes: "
                + Arrays.stream(values()).map(SimMode::wire).collect(Collectors.joining(", ")));
    }
}
