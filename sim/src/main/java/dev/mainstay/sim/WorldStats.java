package dev.mainstay.sim;

import dev.mainstay.sim.WorldFaults.WorldRoute;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of how the fake world under {@code /world} answered since the simulator started or since
 * {@link Simulator#resetStats()}. Immutable.
 *
 * @param counts requests keyed {@code <route>.<outcome>}: route {@code weather} or {@code search}; outcome
 *     {@code served} (answered by the fake world, a 400 for bad parameters included), {@code 500}, {@code 503} or
 *     {@code hang}; keys that never happened are absent
 */
public record WorldStats(Map<String, Long> counts) {
    public static final String SERVED = "served";
    public static final String HANG = "hang";

    public WorldStats {
        counts = Map.copyOf(Objects.requireNonNull(counts, "counts"));
    }

    /** Requests to {@code route} that ended in {@code outcome}: {@code served}, {@code 500}, {@code 503}, hang. */
    public long count(WorldRoute route, String outcome) {
        return counts.getOrDefault(route.key() + "." + outcome, 0L);
    }

    /** Every request to {@code route}, faulted or not. */
    public long requests(WorldRoute route) {
        var prefix = route.key() + ".";
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Requests to {@code route} that got an injected fault (an error status or a hang). */
    public long faulted(WorldRoute route) {
        return requests(route) - count(route, SERVED);
    }

    /** The counts in key order, for display. */
    public Map<String, Long> sorted() {
        return new TreeMap<>(counts);
    }
}
