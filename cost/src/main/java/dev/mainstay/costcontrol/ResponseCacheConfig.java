package dev.mainstay.costcontrol;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The response cache's settings, read from {@value #SETTING}: {@code off} (the default) or a comma-separated list of
 * {@code ttl=DURATION} (how long an answer may be replayed after it was stored, e.g. {@code 10m}) and
 * {@code max=N} (the most answers kept, over all tenants; the least recently used go first), e.g.
 * {@code ttl=10m,max=10000}. A field left out takes its default ({@link #DEFAULT_TTL}, {@link #DEFAULT_MAX_ENTRIES}).
 * Immutable.
 *
 * @param ttl how long a stored answer stays valid after it was written; positive
 * @param maxEntries the most answers held at once; positive
 */
public record ResponseCacheConfig(Duration ttl, long maxEntries) {
    /** The environment variable the settings are read from. */
    public static final String SETTING = "MAINSTAY_RESPONSE_CACHE";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final long DEFAULT_MAX_ENTRIES = 10_000;
    /** The most {@code max} accepted: a cache that large belongs in a shared store, not in one process's heap. */
    public static final long MAX_ENTRIES_LIMIT = 10_000_000;

    public ResponseCacheConfig {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, but was " + ttl);
        }
        if (maxEntries <= 0 || maxEntries > MAX_ENTRIES_LIMIT) {
            throw new IllegalArgumentException("maxEntries must be between 1 and " + MAX_ENTRIES_LIMIT + ", but was "
                    + maxEntries);
        }
    }

    /** The settings from the environment; empty (no cache) when {@value #SETTING} is unset, blank or {@code off}. */
    public static Optional<ResponseCacheConfig> fromEnv(Map<String, String> env) {
        var text = env.get(SETTING);
        return text == null ? Optional.empty() : parse(text);
    }

    /**
     * The settings {@code text} writes; empty for {@code off} or a blank text.
     *
     * @throws InvalidConfigException listing every bad field, each naming the setting and the value
     */
    public static Optional<ResponseCacheConfig> parse(String text) {
        var trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("off")) {
            return Optional.empty();
        }
        var problems = new ArrayList<ConfigProblem>();
        Duration ttl = DEFAULT_TTL;
        long max = DEFAULT_MAX_ENTRIES;
        for (var raw : trimmed.split(",", -1)) {
            var field = raw.trim();
            int eq = field.indexOf('=');
            var name = eq < 0 ? field : field.substring(0, eq).trim();
            var value = eq < 0 ? "" : field.substring(eq + 1).trim();
            switch (name) {
                case "ttl" -> {
                    var parsed = Durations.parse(value).filter(d -> !d.isNegative() && !d.isZero());
                    if (parsed.isPresent()) {
                        ttl = parsed.get();
                    } else {
                        problems.add(problem("ttl must be a positive duration such as 10m, but was '" + value + "'"));
                    }
                }
                case "max" -> {
                    try {
                        max = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        max = -1;
                    }
                    if (max <= 0 || max > MAX_ENTRIES_LIMIT) {
                        problems.add(problem("max must be a whole number between 1 and " + MAX_ENTRIES_LIMIT
                                + ", but was '" + value + "'"));
                    }
                }
                default -> problems.add(problem("has an unknown field '" + field
                        + "': use off, or ttl=DURATION,max=N (e.g. ttl=10m,max=10000)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return Optional.of(new ResponseCacheConfig(ttl, max));
    }

    private static ConfigProblem problem(String why) {
        return ConfigProblem.stated(SETTING, SETTING + " " + why);
    }
}
