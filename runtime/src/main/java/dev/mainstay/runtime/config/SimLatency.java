package dev.mainstay.runtime.config;

import dev.mainstay.sim.Latency;
import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Parses {@code MAINSTAY_SIM_LATENCY}: one duration ({@code 0ms}, {@code 1s}: every model call waits that long
 * before its first byte) or a range {@code MIN..MAX} ({@code 200ms..800ms}: a uniform draw in it per call).
 */
final class SimLatency {
    private SimLatency() {}

    static Optional<Latency> parse(String text) {
        var parts = text.trim().split("\\.\\.", -1);
        if (parts.length == 1) {
            return nonNegative(parts[0]).map(Latency::fixed);
        }
        if (parts.length != 2) {
            return Optional.empty();
        }
        var min = nonNegative(parts[0]);
        var max = nonNegative(parts[1]);
        if (min.isEmpty() || max.isEmpty() || max.get().compareTo(min.get()) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Latency(min.get(), max.get().minus(min.get()), Duration.ZERO));
    }

    private static Optional<Duration> nonNegative(String text) {
        return Durations.parse(text).filter(d -> !d.isNegative());
    }
}
