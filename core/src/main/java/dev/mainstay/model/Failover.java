package dev.mainstay.model;

import java.util.Objects;

/**
 * An endpoint a model call left for the next one: which endpoint and model, the stable code of what happened there
 * (an error code such as {@code overloaded_error}, or a refusal code such as {@code circuit_open}) and a message
 * safe to show. Journaled with the step, so a run's record says why it fell back.
 */
public record Failover(String endpoint, String model, String code, String message) {
    public Failover {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
