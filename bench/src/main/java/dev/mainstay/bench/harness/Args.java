package dev.mainstay.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} and {@code --flag}. Reading an option marks it as known;
 * {@link #rejectUnknown()} then fails on anything left, so a typo is an error rather than a silent default. Not
 * thread-safe; one per {@code main}.
 */
public final class Args {
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException for a word that is not an option or an option given twice */
    public static Args parse(String[] args) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected an option like --name, but got '" + arg + "'");
            }
            var name = arg.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        return new Args(values);
    }

    public String string(String name, String defaultValue) {
        read.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    /** A required option. */
    public String required(String name) {
        var value = string(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public int integer(String name, int defaultValue) {
        var value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, but was '" + value + "'");
        }
    }

    /** A whole number of at least {@code min}. */
    public int integerAtLeast(String name, int defaultValue, int min) {
        int value = integer(name, defaultValue);
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", but was " + value);
        }
        return value;
    }

    public boolean flag(String name) {
        var value = string(name, "false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " takes no value, but got '" + value + "'");
        };
    }

    /** A comma-separated list; empty when the option is absent. */
    public List<String> list(String name, List<String> defaultValue) {
        var value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        var items = new ArrayList<String>();
        for (var item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }

    /** @throws IllegalArgumentException naming every option nobody read */
    public void rejectUnknown() {
        var unknown = values.keySet().stream().filter(k -> !read.contains(k)).map(k -> "--" + k).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + String.join(", ", unknown));
        }
    }
}
