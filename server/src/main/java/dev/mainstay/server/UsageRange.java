package dev.mainstay.server;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The time range of a usage report, {@code [from, to)}, as {@code GET /v1/usage} and {@code mainstay usage} take it:
 * each bound an ISO-8601 instant ({@code 2026-12-01T09:30:00Z}) or a date, in UTC. A date as {@code from} is the
 * start of that day; as {@code to} the end of it, so {@code from=2026-12-01&to=2026-12-01} is that one day. Without
 * {@code to} the range ends now; without {@code from} it starts {@link #DEFAULT_SPAN} before its end.
 */
public record UsageRange(Instant from, Instant to) {
    /** How far back a report goes when it is given no start. */
    public static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    static final String FORMAT = "an ISO-8601 instant (e.g. 2026-12-01T00:00:00Z) or date (e.g. 2026-12-01)";

    public UsageRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, but " + from + " is not before " + to);
        }
    }

    /**
     * The range the two optional bounds give, at {@code now}.
     *
     * @throws IllegalArgumentException naming the bound ({@code from …}, {@code to …}) that is malformed, or
     *     {@code from} when it is not before {@code to}
     */
    public static UsageRange of(Optional<String> from, Optional<String> to, Instant now) {
        var end = to.map(t -> bound("to", t, true)).orElse(now);
        var start = from.map(f -> bound("from", f, false)).orElse(end.minus(DEFAULT_SPAN));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to, but " + start + " is not before " + end);
        }
        return new UsageRange(start, end);
    }

    /**
     * One bound: an instant, or a date's start (its end when {@code endOfDay}).
     *
     * @throws IllegalArgumentException {@code "<name> must be …"} when {@code text} is neither
     */
    public static Instant bound(String name, String text, boolean endOfDay) {
        var trimmed = text.strip();
        try {
            if (trimmed.length() == 10) {
                var day = LocalDate.parse(trimmed);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be " + FORMAT + ", but was '" + printable(text) + "'");
        }
    }

    private static String printable(String text) {
        var safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
    }
}
