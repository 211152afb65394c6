package dev.mainstay.reliability.internal;

import dev.mainstay.time.Durations;
import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one configuration, then throws once with all of them. Not thread-safe. */
public final class Checks {
    private final String prefix;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** @param prefix prepended to every setting name, e.g. {@code retry.} */
    public Checks(String prefix) {
        this.prefix = prefix;
    }

    public Checks require(boolean ok, String setting, String requirement, Object value) {
        if (!ok) {
            problems.add(new ConfigProblem(prefix + setting, requirement, String.valueOf(value)));
        }
        return this;
    }

    public Checks intBetween(String setting, int value, int min, int max) {
        return require(value >= min && value <= max, setting, "between " + min + " and " + max, value);
    }

    public Checks positive(String setting, Duration value) {
        if (value == null) {
            return require(false, setting, "set", "null");
        }
        return require(!value.isNegative() && !value.isZero(), setting, "positive", Durations.format(value));
    }

    public Checks notNegative(String setting, Duration value) {
        if (value == null) {
            return require(false, setting, "set", "null");
        }
        return require(!value.isNegative(), setting, "zero or positive", Durations.format(value));
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
