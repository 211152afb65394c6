package dev.mainstay.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One budget now: its limit, what was settled in the period and what live reservations hold.
 *
 * @param spentUsd the settled cost of the calls of the period
 * @param reservedUsd the worst cases of the calls in flight, not yet settled
 */
public record BudgetStatus(BudgetLimit limit, BudgetKey key, BigDecimal spentUsd, BigDecimal reservedUsd) {
    public BudgetStatus {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(key, "key");
        spentUsd = UsdUnits.usd(UsdUnits.units(spentUsd));
        reservedUsd = UsdUnits.usd(UsdUnits.units(reservedUsd));
    }

    /** What a new reservation may still take: limit − spent − reserved; negative when settling overshot. */
    public BigDecimal remainingUsd() {
        return limit.limitUsd().subtract(spentUsd).subtract(reservedUsd);
    }

    /** Whether the settled spend has reached the limit: no call of the period can be paid for any more. */
    public boolean exhausted() {
        return spentUsd.compareTo(limit.limitUsd()) >= 0;
    }
}
