package dev.mainstay.costcontrol;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * @param maxWait how long a call that would fit once the calls in flight settle (the budget's settled spend leaves
 *     room for it, its reservations do not) waits for them before it is degraded or refused; zero refuses at once.
 *     Without it a burst of calls is refused while the budget is only held, not spent
 */
public record BudgetPolicy(boolean failOpen, int minMaxTokens, Optional<String> cheaperModel, BigDecimal inputMargin,
        Duration maxHold, Duration expiryGrace, Duration maxWait) {
    public static final int DEFAULT_MIN_MAX_TOKENS = 256;
    public static final BigDecimal DEFAULT_INPUT_MARGIN = BigDecimal.ONE;
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(15);
    public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    public static final BudgetPolicy DEFAULTS = new BudgetPolicy(false, DEFAULT_MIN_MAX_TOKENS, Optional.empty(),
            DEFAULT_INPUT_MARGIN, DEFAULT_MAX_HOLD, DEFAULT_EXPIRY_GRACE, DEFAULT_MAX_WAIT);

    /** {@code true}: send calls unreserved when the budget store cannot be written (default {@code false}). */
    public static final String FAIL_OPEN = "MAINSTAY_BUDGET_FAIL_OPEN";
    /** The smallest {@code max_tokens} a call is degraded to so it fits (default 256; 0 turns it off). */
    public static final String MIN_MAX_TOKENS = "MAINSTAY_BUDGET_MIN_MAX_TOKENS";
    /** The model a call that does not fit is tried on (default none). */
    public static final String CHEAPER_MODEL = "MAINSTAY_BUDGET_CHEAPER_MODEL";
    /** The multiplier of the counted input tokens in a worst case (default 1, at least 1). */
    public static final String INPUT_MARGIN = "MAINSTAY_BUDGET_INPUT_MARGIN";
    /** How long a call waits for the calls in flight to settle, e.g. {@code 30s} (the default) or {@code 0s}. */
    public static final String MAX_WAIT = "MAINSTAY_BUDGET_MAX_WAIT";
    /** Every setting {@link #fromEnv} reads. */
    public static final List<String> VARIABLES = List.of(FAIL_OPEN, MIN_MAX_TOKENS, CHEAPER_MODEL, INPUT_MARGIN,
            MAX_WAIT);

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
        if (maxWait == null || maxWait.isNegative()) {
            problems.add("maxWait must not be negative, but was " + maxWait);
        }
        if (cheaperModel.isPresent() && cheaperModel.get().isBlank()) {
            problems.add("cheaperModel must not be blank");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * The policy the environment sets; {@link #DEFAULTS} for what it leaves out.
     *
     * @throws InvalidConfigException listing every bad setting
     */
    public static BudgetPolicy fromEnv(Map<String, String> env) {
        var problems = new ArrayList<ConfigProblem>();
        var policy = DEFAULTS;
        var failOpen = env.get(FAIL_OPEN);
        if (failOpen != null && !failOpen.isBlank()) {
            switch (failOpen.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> policy = policy.withFailOpen(true);
                case "false" -> policy = policy.withFailOpen(false);
                default -> problems.add(new ConfigProblem(FAIL_OPEN, "true or false", "'" + failOpen + "'"));
            }
        }
        var minTokens = env.get(MIN_MAX_TOKENS);
        if (minTokens != null && !minTokens.isBlank()) {
            try {
                int value = Integer.parseInt(minTokens.trim());
                if (value < 0) {
                    throw new NumberFormatException();
                }
                policy = policy.withMinMaxTokens(value);
            } catch (NumberFormatException e) {
                problems.add(new ConfigProblem(MIN_MAX_TOKENS, "0 (off) or a positive number of tokens",
                        "'" + minTokens + "'"));
            }
        }
        var cheaper = env.get(CHEAPER_MODEL);
        if (cheaper != null && !cheaper.isBlank()) {
            policy = policy.withCheaperModel(cheaper.trim());
        }
        var margin = env.get(INPUT_MARGIN);
        if (margin != null && !margin.isBlank()) {
            try {
                var value = new BigDecimal(margin.trim());
                if (value.compareTo(BigDecimal.ONE) < 0) {
                    throw new NumberFormatException();
                }
                policy = policy.withInputMargin(value);
            } catch (NumberFormatException e) {
                problems.add(new ConfigProblem(INPUT_MARGIN, "a number of at least 1, e.g. 1.2", "'" + margin + "'"));
            }
        }
        var wait = env.get(MAX_WAIT);
        if (wait != null && !wait.isBlank()) {
            var parsed = dev.mainstay.time.Durations.parse(wait.trim());
            if (parsed.isPresent()) {
                policy = policy.withMaxWait(parsed.get());
            } else {
                problems.add(new ConfigProblem(MAX_WAIT, "a duration like 0s, 500ms or 30s", "'" + wait + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return policy;
    }

    public BudgetPolicy withFailOpen(boolean value) {
        return new BudgetPolicy(value, minMaxTokens, cheaperModel, inputMargin, maxHold, expiryGrace, maxWait);
    }

    public BudgetPolicy withMinMaxTokens(int value) {
        return new BudgetPolicy(failOpen, value, cheaperModel, inputMargin, maxHold, expiryGrace, maxWait);
    }

    public BudgetPolicy withCheaperModel(String model) {
        return new BudgetPolicy(failOpen, minMaxTokens, Optional.of(model), inputMargin, maxHold, expiryGrace,
                maxWait);
    }

    public BudgetPolicy withMaxWait(Duration value) {
        return new BudgetPolicy(failOpen, minMaxTokens, cheaperModel, inputMargin, maxHold, expiryGrace, value);
    }

    public BudgetPolicy withInputMargin(BigDecimal value) {
        return new BudgetPolicy(failOpen, minMaxTokens, cheaperModel, value, maxHold, expiryGrace, maxWait);
    }
}
