package dev.mainstay.model;

import java.util.Objects;

/**
 * A policy's decision not to send a model call, as a value: which policy, a stable code, a message safe to show,
 * and how far the refusal reaches. Nothing was sent to the provider and nothing was billed.
 *
 * @param policy the policy that refused, e.g. {@code circuit-breaker}, {@code concurrency-limit}, {@code budget}
 * @param code a stable code for metrics, the journal and problem+json, e.g. {@code circuit_open}
 * @param endpoint the endpoint the refusal is about, empty when it is not about one
 */
public record Refusal(String policy, String code, String message, Scope scope, String endpoint) {
    /** How far a refusal reaches. */
    public enum Scope {
        /** This endpoint cannot take the call now (breaker open, concurrency limit, rate-limited): try another. */
        ENDPOINT,
        /** The call does not fit a spending budget: the run degrades by policy or stops as budget_exceeded. */
        BUDGET,
        /** A policy forbids the call: the run stops as policy_denied. */
        POLICY
    }

    public Refusal {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A refusal about {@code endpoint}: another endpoint may take the call. */
    public static Refusal ofEndpoint(String policy, String code, String endpoint, String message) {
        return new Refusal(policy, code, message, Scope.ENDPOINT, endpoint);
    }
}
