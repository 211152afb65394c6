package dev.mainstay.model;

import java.util.Objects;

/**
 * A local policy refused the call before it reached the provider: an open circuit breaker, a full bulkhead, an
 * exhausted retry budget or spending budget. Carries the policy's name and a stable reason code.
 */
public final class ModelCallRejectedException extends ModelException {
    private final String policy;
    private final String reason;

    public ModelCallRejectedException(String policy, String reason, String message) {
        super(policy + " rejected the call: " + message, false, null);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String policy() {
        return policy;
    }

    /** A stable reason code, e.g. {@code circuit_open}, {@code bulkhead_full}, {@code retry_budget_exhausted}. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return reason;
    }
}
