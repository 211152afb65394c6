package dev.mainstay.reliability;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** {@link RetryClassifier}'s verdict on one failure. */
public sealed interface RetryDecision {

    /**
     * Another attempt may succeed.
     *
     * @param serverHint how long the provider asked the caller to wait ({@code retry-after-ms}, {@code retry-after},
     *     {@code anthropic-ratelimit-*-reset}), empty when it gave no hint; never negative
     */
    record Retryable(FailureKind kind, Optional<Duration> serverHint) implements RetryDecision {
        public Retryable {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(serverHint, "serverHint");
        }
    }

    /**
     * Another attempt would fail the same way or must not be made.
     *
     * @param reason a stable code: {@code client_error}, {@code spend_limit}, {@code server_said_no_retry},
     *     {@code content_delivered}, {@code deadline_expired}, {@code rejected} or {@code cancelled}
     */
    record NotRetryable(FailureKind kind, String reason) implements RetryDecision {
        public NotRetryable {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isRetryable() {
        return this instanceof Retryable;
    }

    FailureKind kind();
}
