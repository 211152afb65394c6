package dev.mainstay.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the injection detector made of one text: a score and the signals behind it. Telemetry: a heuristic is easy
 * to evade and sometimes wrong, so a detection is reported and counted, and blocks nothing unless the agent's policy
 * says so ({@link AgentPolicy#blockSuspectedInjections()}).
 *
 * @param signals stable names of the patterns found, e.g. {@code override_instructions}
 */
public record Detection(boolean suspected, double score, List<String> signals) {
    public static final Detection CLEAN = new Detection(false, 0, List.of());

    public Detection {
        Objects.requireNonNull(signals, "signals");
        signals = List.copyOf(signals);
    }
}
