package dev.mainstay.reliability.retry;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.internal.Checks;

/**
 * How much retrying a {@link RetryBudget} allows. Immutable; validated when built.
 *
 * <p>Sizing: retries to one endpoint over a period of {@code T} seconds with {@code N} first attempts stay below
 * {@code max(ratio × N, minRetriesPerSecond × T)} plus what the budget held when the period began (at most
 * {@code maxBalance} and one second of reserve). The reserve is a floor, not an addition: it only counts when the
 * ratio earns less than it, that is below {@code minRetriesPerSecond / ratio} first attempts a second (5 a second
 * with the defaults). Above that the ratio is the binding limit.
 *
 * @param ratio tokens each first attempt deposits; one retry costs one token, so retries stay below
 *     {@code ratio} × first attempts. 0.2 means at most 20 % extra load.
 * @param minRetriesPerSecond the least retry rate allowed whatever the traffic, so that a quiet endpoint can still
 *     retry its rare failure; 0 disables the floor
 * @param maxBalance the most tokens the budget can hold, so a long healthy period cannot fund a storm later
 */
public record RetryBudgetConfig(double ratio, double minRetriesPerSecond, double maxBalance) {
    public static final double DEFAULT_RATIO = 0.2;
    /** One retry a second per endpoint: binding only below five first attempts a second. */
    public static final double DEFAULT_MIN_RETRIES_PER_SECOND = 1;
    /**
     * Two retries banked at most: a healthy period cannot fund a burst of retries when an overload begins, so the
     * ratio binds from the storm's first second, also over a short window whose first attempts the breaker has cut.
     */
    public static final double DEFAULT_MAX_BALANCE = 2;

    public static final RetryBudgetConfig DEFAULT =
            new RetryBudgetConfig(DEFAULT_RATIO, DEFAULT_MIN_RETRIES_PER_SECOND, DEFAULT_MAX_BALANCE);

    /** @throws InvalidConfigException listing every invalid setting */
    public RetryBudgetConfig {
        new Checks("retryBudget.")
                .require(ratio >= 0 && ratio <= 1 && Double.isFinite(ratio), "ratio", "between 0 and 1", ratio)
                .require(minRetriesPerSecond >= 0 && minRetriesPerSecond <= 1_000_000
                        && Double.isFinite(minRetriesPerSecond), "minRetriesPerSecond", "between 0 and 1000000",
                        minRetriesPerSecond)
                .require(maxBalance >= 1 && maxBalance <= 1_000_000, "maxBalance", "between 1 and 1000000",
                        maxBalance)
                .throwIfAny();
    }

    /** The most reserve tokens held at once: one second of reserve, and at least one retry when there is any. */
    public double reserveCapacity() {
        return minRetriesPerSecond == 0 ? 0 : Math.max(1, minRetriesPerSecond);
    }

    public RetryBudgetConfig withRatio(double value) {
        return new RetryBudgetConfig(value, minRetriesPerSecond, maxBalance);
    }

    public RetryBudgetConfig withMinRetriesPerSecond(double value) {
        return new RetryBudgetConfig(ratio, value, maxBalance);
    }

    public RetryBudgetConfig withMaxBalance(double value) {
        return new RetryBudgetConfig(ratio, minRetriesPerSecond, value);
    }
}
