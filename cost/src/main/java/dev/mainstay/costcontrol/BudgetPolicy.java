package dev.mainstay.costcontrol;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link BudgetInterceptor} reserves and what it does when a call does not fit. Immutable; validated when
 * built, every problem at once.
 *
 * @param failOpen when the budget store cannot be written, send the call unreserved (and count it) instead of
 *     refusing it; {@code false} by default: enforcement fails closed
 * @param minMaxTokens a call that does not fit is retried with the largest {@code max_tokens} that fits, when that
 *     is at least this many; 0 turns the degradation off
 * @param cheaperModel the model to try when the call still does not fit, empty for none
 * @param inputMargin the counted input tokens are multiplied by this for the worst case (≥ 1): room for a
 *     provider's tokenizer counting more than {@link dev.mainstay.model.TokenEstimator}
 * @param maxHold the longest a reservation is held for a call, whatever the run's deadline
 * @param expiryGrace how long after the run's deadline (or {@code maxHold}) a reservation of a dead node lapses
 */
public record BudgetPolicy(boolean failOpen, int minMaxTokens, Optional<String> cheaperModel, BigDecimal inputMargin,
        Duration maxHold, Duration expiryGrace) {
    public static final int DEFAULT_MIN_MAX_TOKENS = 256;
    public static final BigDecimal DEFAULT_INPUT_MARGIN = BigDecimal.ONE;
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(15);
    public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofMinutes(1);
    public static final BudgetPolicy DEFAULTS = new BudgetPolicy(false, DEFAULT_MIN_MAX_TOKENS, Optional.empty(),
            DEFAULT_INPUT_MARGIN, DEFAULT_MAX_HOLD, DEFAULT_EXPIRY_GRACE);

    public BudgetPolicy {
        Objects.requireNonNull(cheaperModel, "cheaperModel");
        var problems = new ArrayList<String>();
        if (minMaxTokens < 0) {
            problems.add("minMaxTokens must not be negative, but was " + minMaxTokens);
        }
        if (inputMargin == null || inputMargin.compareTo(BigDecimal.ONE) < 0) {
            problems.add("inputMargin must be at least 1, but was " + inputMargin);
        }
        if (maxHold == null || maxHold.isNegative() || maxHold.isZero()) {
            problems.add("maxHold must be positive, but was " + maxHold);
        }
        if (expiryGrace == null || expiryGrace.isNegative()) {
            problems.add("expiryGrace must not be negative, but was " + expiryGrace);
        }
        if (cheaperModel.isPresent() && cheaperModel.get().isBlank()) {
            problems.add("cheaperModel must not be blank");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public BudgetPolicy withFailOpen(boolean value) {
        return new BudgetPolicy(value, minMaxTokens, cheaperModel, inputMargin, maxHold, expiryGrace);
    }

    public BudgetPolicy withMinMaxTokens(int value) {
        return new BudgetPolicy(failOpen, value, cheaperModel, inputMargin, maxHold, expiryGrace);
    }

    public BudgetPolicy withCheaperModel(String model) {
        return new BudgetPolicy(failOpen, minMaxTokens, Optional.of(model), inputMargin, maxHold, expiryGrace);
    }

    public BudgetPolicy withInputMargin(BigDecimal value) {
        return new BudgetPolicy(failOpen, minMaxTokens, cheaperModel, value, maxHold, expiryGrace);
    }
}
