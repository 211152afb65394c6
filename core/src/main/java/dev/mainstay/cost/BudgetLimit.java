package dev.mainstay.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A spending limit in US dollars for a tenant or one of its users, per day or per month.
 *
 * @param userId the user, {@link BudgetKey#TENANT} for the tenant's own limit
 * @param limitUsd at most {@link UsdUnits#SCALE} decimal places, not negative; 0 stops every call
 */
public record BudgetLimit(String tenantId, String userId, BudgetPeriod period, BigDecimal limitUsd) {
    public BudgetLimit {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(period, "period");
        limitUsd = UsdUnits.usd(UsdUnits.units(Objects.requireNonNull(limitUsd, "limitUsd")));
    }

    /** The counter this limit bounds in the period that holds {@code now}. */
    public BudgetKey keyAt(java.time.Instant now) {
        return BudgetKey.of(tenantId, userId, period, now);
    }
}
