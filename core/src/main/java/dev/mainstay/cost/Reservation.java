package dev.mainstay.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What {@link Budgets#reserve} came to: the amount is held on every budget that applies, or on none. */
public sealed interface Reservation {
    /**
     * The amount is held on every budget in {@link #holds} until the call is settled or released, or the
     * reservation expires at {@code expiresAt} (its node died).
     *
     * @param id the reservation's id; empty when no budget applies and nothing is held
     * @param holds the counters the amount is held on; empty when no budget applies
     */
    record Reserved(String id, String tenantId, String userId, String runId, BigDecimal amountUsd,
            List<BudgetKey> holds, Instant expiresAt) implements Reservation {
        public Reserved {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(amountUsd, "amountUsd");
            holds = List.copyOf(holds);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** A reservation under no budget: nothing is held, settling it records nothing. */
        public static Reserved unlimited(ReservationRequest request) {
            return new Reserved("", request.tenantId(), request.userId(), request.runId(), request.amountUsd(),
                    List.of(), request.expiresAt());
        }

        public boolean holdsNothing() {
            return holds.isEmpty();
        }
    }

    /**
     * The amount does not fit {@code budget}, the first budget (tenant daily, tenant monthly, user daily, user
     * monthly) it did not fit; nothing was held on any budget.
     *
     * @param askedUsd the amount that was asked for
     */
    record Refused(BudgetStatus budget, BigDecimal askedUsd) implements Reservation {
        public Refused {
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(askedUsd, "askedUsd");
        }

        /** What the refusing budget could still hold; never negative. */
        public BigDecimal availableUsd() {
            var left = budget.remainingUsd();
            return left.signum() < 0 ? UsdUnits.usd(0) : left;
        }

        /** A message safe to show: which budget, what was asked, what is left. */
        public String message() {
            return "the call's worst case of $" + askedUsd.toPlainString() + " does not fit "
                    + budget.key().describe() + ": limit $" + budget.limit().limitUsd().toPlainString() + ", spent $"
                    + budget.spentUsd().toPlainString() + ", reserved $" + budget.reservedUsd().toPlainString();
        }
    }
}
