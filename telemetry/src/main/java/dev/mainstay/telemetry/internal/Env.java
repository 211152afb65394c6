package dev.mainstay.telemetry.internal;

import dev.mainstay.config.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads settings from an environment map, collecting every problem instead of stopping at the first. */
public final class Env {
    private final Map<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public Env(Map<String, String> env) {
        this.env = env;
    }

    public Optional<String> string(String name) {
        var raw = env.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }

    public boolean bool(String name, boolean defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(new ConfigProblem(name, "true or false", "'" + raw.get() + "'"));
                yield defaultValue;
            }
        };
    }

    /** A whole number in {@code [min, max]}. */
    public long number(String name, long defaultValue, long min, long max) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(name, "a whole number between " + min + " and " + max, "'" + raw.get() + "'"));
        return defaultValue;
    }

    public double ratio(String name, double defaultValue) {
        var raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(name, "a number between 0 and 1", "'" + raw.get() + "'"));
        return defaultValue;
    }

    /**
     * A {@code key=value,key=value} list (values URL-decoded, as the OTel specification says).
     *
     * @param secret whether the values must never be echoed in a problem
     */
    public Map<String, String> pairs(String name, boolean secret) {
        var out = new LinkedHashMap<String, String>();
        var raw = string(name);
        if (raw.isEmpty()) {
            return out;
        }
        for (var part : raw.get().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problems.add(secret ? ConfigProblem.stated(name, name + " must be a list of key=value pairs")
                        : new ConfigProblem(name, "a list of key=value pairs", "'" + raw.get() + "'"));
                return out;
            }
            var value = java.net.URLDecoder.decode(part.substring(eq + 1).strip(),
                    java.nio.charset.StandardCharsets.UTF_8);
            out.put(part.substring(0, eq).strip(), value);
        }
        return out;
    }

    public void problem(ConfigProblem problem) {
        problems.add(problem);
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }
}
