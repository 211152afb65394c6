package dev.mainstay.promptcache;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a prompt-cache entry lives after its last use: the Messages API's {@code cache_control.ttl}. A write with
 * the 5-minute TTL costs 1.25× the input price, with the 1-hour TTL 2×; a read costs 0.1× either way, and every read
 * starts the entry's TTL again.
 */
public enum CacheTtl {
    /** {@code "5m"}, the API's default. */
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    /** {@code "1h"}. */
    ONE_HOUR("1h", Duration.ofHours(1));

    private final String wire;
    private final Duration duration;

    CacheTtl(String wire, Duration duration) {
        this.wire = wire;
        this.duration = duration;
    }

    /** The value of {@code cache_control.ttl}. */
    public String wire() {
        return wire;
    }

    public Duration duration() {
        return duration;
    }

    /** The TTL {@code wire} names ({@code 5m} or {@code 1h}), empty for any other text. */
    public static Optional<CacheTtl> fromWire(String wire) {
        for (var ttl : values()) {
            if (ttl.wire.equals(wire)) {
                return Optional.of(ttl);
            }
        }
        return Optional.empty();
    }
}
