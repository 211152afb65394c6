package dev.mainstay.model;

import java.util.Objects;

/**
 * An endpoint a model call left for the next one, or the one it failed at last: which endpoint and model, the
 * stable code of what happened there (an error code such as {@code overloaded_error}, or a refusal code such as
 * {@code circuit_open}), a message safe to show, and why the call moved on ({@code reason}: a refusal code, or why
 * the retry layer stopped retrying, such as {@code max_attempts}, {@code retry_budget_exhausted},
 * {@code rate_limited}; empty when not known). Journaled with the step, so a run's record says why it fell back.
 */
public record Failover(String endpoint, String model, String code, String message, String reason) {
    public Failover {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
    }

    /** A failover whose reason is not known. */
    public Failover(String endpoint, String model, String code, String message) {
        this(endpoint, model, code, message, "");
    }
}
