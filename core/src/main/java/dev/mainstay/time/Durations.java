package dev.mainstay.time;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses and prints human durations: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}; ISO-8601 is accepted too. */
public final class Durations {
    private static final Pattern HUMAN = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

    private Durations() {}

    /** The duration {@code text} denotes, or empty when it is not one. Negative durations cannot be written. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var trimmed = text.trim().toLowerCase(Locale.ROOT);
        var m = HUMAN.matcher(trimmed);
        if (m.matches()) {
            var amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        if (trimmed.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}: the largest unit that divides the duration exactly. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        var ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
