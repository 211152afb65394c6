package dev.mainstay.reliability.retry;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.internal.Checks;

/**
 * How much retrying a {@link RetryBudget} allows. Immutable; validated when built.
 *
 * @param ratio tokens each first attempt deposits; one retry costs one token, so retries stay below
 *     {@code ratio} × first attempts (plus the reserve). 0.2 means at most 20% extra load.
 * @param minRetriesPerSecond retries allowed every second whatever the balance, so that low traffic can still retry
 * @param maxBalance the most tokens the budget can hold, so a long healthy period cannot fund a storm later
 */
public record RetryBudgetConfig(double ratio, int minRetriesPerSecond, double maxBalance) {
    public static final double DEFAULT_RATIO = 0.2;
    public static final int DEFAULT_MIN_RETRIES_PER_SECOND = 10;
    public static final double DEFAULT_MAX_BALANCE = 100;

    public static final RetryBudgetConfig DEFAULT =
            new RetryBudgetConfig(DEFAULT_RATIO, DEFAULT_MIN_RETRIES_PER_SECOND, DEFAULT_MAX_BALANCE);

    /** @throws InvalidConfigException listing every invalid setting */
    public RetryBudgetConfig {
        new Checks("retryBudget.")
                .require(ratio >= 0 && ratio <= 1 && Double.isFinite(ratio), "ratio", "between 0 and 1", ratio)
                .intBetween("minRetriesPerSecond", minRetriesPerSecond, 0, 1_000_000)
                .require(maxBalance >= 1 && maxBalance <= 1_000_000, "maxBalance", "between 1 and 1000000",
                        maxBalance)
                .throwIfAny();
    }

    public RetryBudgetConfig withRatio(double value) {
        return new RetryBudgetConfig(value, minRetriesPerSecond, maxBalance);
    }

    public RetryBudgetConfig withMinRetriesPerSecond(int value) {
        return new RetryBudgetConfig(ratio, value, maxBalance);
    }

    public RetryBudgetConfig withMaxBalance(double value) {
        return new RetryBudgetConfig(ratio, minRetriesPerSecond, value);
    }
}
