package dev.mainstay.reliability.bulkhead;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.internal.Checks;
import java.time.Duration;
import java.util.Map;

/**
 * How many calls of one tool may run at once. Immutable; validated when built.
 *
 * @param maxConcurrentCalls the limit for every tool without its own entry in {@code perTool}
 * @param maxWait how long a call may wait for a free slot (never past the run's deadline); zero rejects at once
 * @param perTool limits for individual tools, by tool name
 */
public record ToolBulkheadConfig(int maxConcurrentCalls, Duration maxWait, Map<String, Integer> perTool) {
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 16;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    public static final ToolBulkheadConfig DEFAULT =
            new ToolBulkheadConfig(DEFAULT_MAX_CONCURRENT_CALLS, DEFAULT_MAX_WAIT, Map.of());

    /** @throws InvalidConfigException listing every invalid setting */
    public ToolBulkheadConfig {
        perTool = Map.copyOf(perTool);
        var checks = new Checks("toolBulkhead.")
                .intBetween("maxConcurrentCalls", maxConcurrentCalls, 1, 100_000)
                .notNegative("maxWait", maxWait);
        perTool.forEach((tool, limit) -> checks.intBetween("perTool." + tool, limit, 1, 100_000));
        checks.throwIfAny();
    }

    /** The limit that applies to {@code tool}. */
    public int limitFor(String tool) {
        return perTool.getOrDefault(tool, maxConcurrentCalls);
    }

    public ToolBulkheadConfig withMaxConcurrentCalls(int value) {
        return new ToolBulkheadConfig(value, maxWait, perTool);
    }

    public ToolBulkheadConfig withMaxWait(Duration value) {
        return new ToolBulkheadConfig(maxConcurrentCalls, value, perTool);
    }

    public ToolBulkheadConfig withPerTool(Map<String, Integer> value) {
        return new ToolBulkheadConfig(maxConcurrentCalls, maxWait, value);
    }
}
