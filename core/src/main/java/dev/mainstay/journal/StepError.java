package dev.mainstay.journal;

import dev.mainstay.redact.Redactor;
import java.util.Objects;

/**
 * Why a step failed: a stable code and a message safe to show (never a secret, never a request body). The message
 * is passed through {@link Redactor#secrets()} on construction, so a provider error that echoes a key, a token in an
 * exception message or a bearer header never reaches the journal, an event, a log line or an API error.
 */
public record StepError(String code, String message) {
    public StepError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        message = Redactor.secrets().redact(message);
    }
}
