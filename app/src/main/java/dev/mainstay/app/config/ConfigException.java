package dev.mainstay.app.config;

import java.util.List;

/** The configuration is invalid. Carries every problem found, each naming the setting and the bad value. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(problems.size() == 1 ? "invalid configuration: " + problems.getFirst()
                : "invalid configuration (" + problems.size() + " problems): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
