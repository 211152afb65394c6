package dev.mainstay.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The instant by which a run must be done, read against an injected clock. Every outside call takes
 * {@link #timeoutFor(Duration) min(its own timeout, the time remaining)}.
 */
public record Deadline(Instant at, InstantSource clock) {
    /** Far enough away to mean "no deadline" without overflowing arithmetic. */
    public static final Duration UNBOUNDED = Duration.ofDays(365);

    public Deadline {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clock, "clock");
    }

    public static Deadline after(Duration timeout, InstantSource clock) {
        return new Deadline(clock.instant().plus(timeout), clock);
    }

    public static Deadline none(InstantSource clock) {
        return after(UNBOUNDED, clock);
    }

    /** Time left, never negative. */
    public Duration remaining() {
        var left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean isExpired() {
        return !clock.instant().isBefore(at);
    }

    /** {@code min(own, remaining())}. */
    public Duration timeoutFor(Duration own) {
        var left = remaining();
        return own.compareTo(left) < 0 ? own : left;
    }

    /** The earlier of this deadline and one {@code timeout} from now. */
    public Deadline shorten(Duration timeout) {
        var candidate = clock.instant().plus(timeout);
        return candidate.isBefore(at) ? new Deadline(candidate, clock) : this;
    }
}
