package dev.mainstay.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A call's worst case, to be held on every budget of its tenant and user.
 *
 * @param amountUsd the worst-case cost, at most {@link UsdUnits#SCALE} decimal places
 * @param now the instant whose day and month the reservation counts in (settling counts in the same ones)
 * @param expiresAt when the reservation lapses if nobody settles or releases it (its node died)
 */
public record ReservationRequest(String runId, String tenantId, String userId, BigDecimal amountUsd, Instant now,
        Instant expiresAt) {
    public ReservationRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        amountUsd = UsdUnits.normalised(Objects.requireNonNull(amountUsd, "amountUsd"));
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(now)) {
            throw new IllegalArgumentException("a reservation cannot expire before it is made");
        }
    }
}
