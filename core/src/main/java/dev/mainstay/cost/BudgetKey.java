package dev.mainstay.cost;

import java.time.Instant;
import java.util.Objects;

/**
 * One budget counter: a tenant's (or one of its users') spend in one period.
 *
 * @param userId the user, {@link #TENANT} for the tenant's own budget, which counts every user's spend
 * @param periodKey the period's {@link BudgetPeriod#key}, e.g. {@code 2026-12-07}
 */
public record BudgetKey(String tenantId, String userId, BudgetPeriod period, String periodKey) {
    /** The {@code userId} of a tenant's own budget. */
    public static final String TENANT = "";

    public BudgetKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(periodKey, "periodKey");
    }

    public static BudgetKey of(String tenantId, String userId, BudgetPeriod period, Instant now) {
        return new BudgetKey(tenantId, userId, period, period.key(now));
    }

    public boolean isTenant() {
        return userId.isEmpty();
    }

    /** For messages: {@code tenant daily budget (2026-12-07)}, {@code user alice's monthly budget (2026-12)}. */
    public String describe() {
        return (isTenant() ? "the tenant's " : "user " + userId + "'s ") + period.wire() + " budget (" + periodKey
                + ")";
    }
}
