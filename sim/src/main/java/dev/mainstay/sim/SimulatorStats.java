package dev.mainstay.sim;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of what the simulator has answered on {@code POST /v1/messages} since it started or since
 * {@link Simulator#resetStats()}. Immutable.
 *
 * @param requests every request received, valid or not
 * @param byOutcome counts keyed by {@link Outcome#key()} ({@code ok}, {@code 429}, {@code 529}, {@code 500},
 *     {@code stream_error}, {@code cut}, {@code hang}, {@code malformed}, {@code 400}, {@code 401}, {@code 413});
 *     outcomes that never happened are absent
 * @param byModel counts of valid requests keyed by the requested model id
 */
public record SimulatorStats(long requests, Map<String, Long> byOutcome, Map<String, Long> byModel) {
    public SimulatorStats {
        byOutcome = Map.copyOf(Objects.requireNonNull(byOutcome, "byOutcome"));
        byModel = Map.copyOf(Objects.requireNonNull(byModel, "byModel"));
    }

    /** How many requests ended in {@code outcome}; 0 when none did. */
    public long count(Outcome outcome) {
        return byOutcome.getOrDefault(outcome.key(), 0L);
    }

    /** How many valid requests asked for {@code model}; 0 when none did. */
    public long countForModel(String model) {
        return byModel.getOrDefault(model, 0L);
    }

    /** The outcome counts in key order, for display. */
    public Map<String, Long> sortedOutcomes() {
        return new TreeMap<>(byOutcome);
    }
}
