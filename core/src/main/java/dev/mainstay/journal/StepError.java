package dev.mainstay.journal;

import java.util.Objects;

/** Why a step failed: a stable code and a message safe to show (never a secret, never a request body). */
public record StepError(String code, String message) {
    public StepError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
