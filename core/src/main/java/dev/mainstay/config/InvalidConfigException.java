package dev.mainstay.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration was rejected. Lists every problem found, not only the first, each naming the setting and the
 * bad value (secrets are never echoed). The one configuration failure of every module.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        var lines = problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
        return problems.size() == 1 ? "invalid configuration: " + lines
                : "invalid configuration (" + problems.size() + " problems): " + lines;
    }
}
