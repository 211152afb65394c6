package dev.mainstay.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The levels {@code MAINSTAY_LOG_LEVEL} accepts, case-insensitively. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    /** The level named {@code raw}, empty when it names none. */
    public static Optional<LogLevel> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        var name = raw.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.name().equals(name)).findFirst();
    }
}
