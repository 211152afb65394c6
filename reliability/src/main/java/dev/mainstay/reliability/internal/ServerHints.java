package dev.mainstay.reliability.internal;

import dev.mainstay.model.ResponseHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads how long the provider asked us to wait. In order of precedence: {@code retry-after-ms} (milliseconds, may
 * be fractional), {@code retry-after} (seconds, or an HTTP date), then the {@code anthropic-ratelimit-*-reset}
 * instants (RFC 3339): the latest reset among the limits whose {@code -remaining} is 0, or, when no
 * {@code -remaining} header says which limit is exhausted, the earliest reset. Unparseable values are ignored;
 * instants in the past give zero.
 */
public final class ServerHints {
    private static final String PREFIX = "anthropic-ratelimit-";
    private static final String RESET = "-reset";

    private ServerHints() {}

    public static Optional<Duration> parse(ResponseHeaders headers, Instant now) {
        var millis = headers.first("retry-after-ms").flatMap(ServerHints::parseMillis);
        if (millis.isPresent()) {
            return millis;
        }
        var retryAfter = headers.first("retry-after").flatMap(v -> parseRetryAfter(v, now));
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return rateLimitReset(headers.values(), now);
    }

    private static Optional<Duration> parseMillis(String value) {
        try {
            var ms = Double.parseDouble(value.trim());
            return ms >= 0 && Double.isFinite(ms) ? Optional.of(Duration.ofNanos((long) (ms * 1_000_000))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseRetryAfter(String value, Instant now) {
        var trimmed = value.trim();
        try {
            var seconds = Double.parseDouble(trimmed);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofMillis((long) (seconds * 1000)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(until(now, at));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Duration> rateLimitReset(Map<String, List<String>> values, Instant now) {
        var exhausted = new ArrayList<Instant>();
        var all = new ArrayList<Instant>();
        var anyRemaining = false;
        for (var entry : values.entrySet()) {
            var name = entry.getKey();
            if (!name.startsWith(PREFIX) || !name.endsWith(RESET) || entry.getValue().isEmpty()) {
                continue;
            }
            var reset = parseInstant(entry.getValue().getFirst());
            if (reset.isEmpty()) {
                continue;
            }
            all.add(reset.get());
            var remaining = values.get(name.substring(0, name.length() - RESET.length()) + "-remaining");
            if (remaining != null && !remaining.isEmpty()) {
                anyRemaining = true;
                if (remaining.getFirst().trim().equals("0")) {
                    exhausted.add(reset.get());
                }
            }
        }
        if (!exhausted.isEmpty()) {
            return exhausted.stream().max(Instant::compareTo).map(at -> until(now, at));
        }
        if (!anyRemaining && !all.isEmpty()) {
            return all.stream().min(Instant::compareTo).map(at -> until(now, at));
        }
        return Optional.empty();
    }

    private static Optional<Instant> parseInstant(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration until(Instant now, Instant at) {
        var d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
