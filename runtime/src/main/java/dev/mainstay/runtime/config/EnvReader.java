package dev.mainstay.runtime.config;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed settings from environment variables, collecting every problem instead of stopping at the first,
 * so start-up can report them all at once. Problem messages name the variable and the bad value — callers must
 * not read secrets through the typed methods, whose messages echo the value.
 */
public final class EnvReader {
    private final Map<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Optional<String> string(String name) {
        var value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    public int positiveInt(String name, int defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(name, "a positive whole number", "'" + raw.get() + "'"));
        return defaultValue;
    }

    public long longValue(String name, long defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(name, "a whole number", "'" + raw.get() + "'"));
            return defaultValue;
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(new ConfigProblem(name, "true or false", "'" + raw.get() + "'"));
                yield defaultValue;
            }
        };
    }

    /** A positive duration written as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
    public Duration positiveDuration(String name, Duration defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        var parsed = parseDuration(raw.get());
        if (parsed.isPresent() && !parsed.get().isZero() && !parsed.get().isNegative()) {
            return parsed.get();
        }
        problems.add(new ConfigProblem(name, "a positive duration like 500ms, 30s or 2m", "'" + raw.get() + "'"));
        return defaultValue;
    }

    public <E extends Enum<E>> E oneOf(String name, Class<E> type, E defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        for (var constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.get())) {
                return constant;
            }
        }
        var allowed = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        problems.add(new ConfigProblem(name, "one of " + String.join(", ", allowed), "'" + raw.get() + "'"));
        return defaultValue;
    }

    /** Records a problem with {@code setting}: it must be {@code requirement}, but was {@code value}. */
    public void problem(String setting, String requirement, String value) {
        problems.add(new ConfigProblem(setting, requirement, value));
    }

    public void problem(ConfigProblem problem) {
        problems.add(problem);
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    static Optional<Duration> parseDuration(String text) {
        return Durations.parse(text);
    }
}
