package dev.mainstay.reliability;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.reliability.internal.ServerHints;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides whether a failed model call may be retried, and what kind of failure it was.
 *
 * <p>Rules, first match wins:
 * <ol>
 *   <li>cancelled → never (a local policy's refusal is a value, not a failure: it never reaches here);</li>
 *   <li>content already delivered to a streaming caller → never (a retry would duplicate it);</li>
 *   <li>a spend limit or billing error ({@code spend_limit} / {@code billing} in the type or message) → never;</li>
 *   <li>{@code x-should-retry: false} → never, {@code x-should-retry: true} → retry;</li>
 *   <li>{@code overloaded_error} (any status, also inside a 200 stream), 429, 408, 5xx, an {@code api_error}
 *       stream event, connection failures → retry;</li>
 *   <li>a timeout → retry while the run's deadline has time left;</li>
 *   <li>any other 4xx (400, 401, 403, 404, 413…) → never.</li>
 * </ol>
 * Thread-safe and stateless apart from its clock, which turns HTTP-date and RFC 3339 hints into durations.
 */
public final class RetryClassifier {
    private static final Set<ApiErrorType> CLIENT_ERROR_TYPES = Set.of(
            ApiErrorType.INVALID_REQUEST, ApiErrorType.AUTHENTICATION, ApiErrorType.PERMISSION,
            ApiErrorType.NOT_FOUND, ApiErrorType.REQUEST_TOO_LARGE);

    private final InstantSource clock;

    public RetryClassifier(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Decides whether {@code failure} may be retried given what is left of {@code deadline}. */
    public RetryDecision classify(ModelException failure, Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        var kind = kind(failure);
        if (kind == FailureKind.CANCELLED) {
            return new RetryDecision.NotRetryable(kind, "cancelled");
        }
        if (failure.contentDelivered()) {
            return new RetryDecision.NotRetryable(kind, "content_delivered");
        }
        if (kind == FailureKind.SPEND_LIMIT) {
            return new RetryDecision.NotRetryable(kind, "spend_limit");
        }
        Optional<Duration> hint = Optional.empty();
        if (failure instanceof ModelApiException api) {
            var shouldRetry = api.headers().first("x-should-retry").map(v -> v.trim().toLowerCase(Locale.ROOT));
            if (shouldRetry.filter("false"::equals).isPresent()) {
                return new RetryDecision.NotRetryable(kind, "server_said_no_retry");
            }
            hint = serverHint(api.headers());
            if (shouldRetry.filter("true"::equals).isPresent()) {
                return new RetryDecision.Retryable(kind, hint);
            }
        }
        if (kind == FailureKind.TIMEOUT && deadline.isExpired()) {
            return new RetryDecision.NotRetryable(kind, "deadline_expired");
        }
        return kind.transientByNature()
                ? new RetryDecision.Retryable(kind, hint)
                : new RetryDecision.NotRetryable(kind, "client_error");
    }

    /** What kind of failure {@code failure} is, regardless of whether it may be retried. */
    public FailureKind kind(ModelException failure) {
        Objects.requireNonNull(failure, "failure");
        return switch (failure) {
            case ModelCancelledException c -> FailureKind.CANCELLED;
            case ModelTimeoutException t -> FailureKind.TIMEOUT;
            case ModelConnectionException c -> FailureKind.CONNECTION;
            case ModelApiException api -> apiKind(api);
        };
    }

    /** The provider's requested wait in {@code headers}, if any; see {@link ServerHints}. */
    public Optional<Duration> serverHint(ResponseHeaders headers) {
        return ServerHints.parse(headers, clock.instant());
    }

    private static FailureKind apiKind(ModelApiException api) {
        var type = api.errorType();
        if (mentionsSpendLimit(type.value()) || mentionsSpendLimit(api.getMessage())) {
            return FailureKind.SPEND_LIMIT;
        }
        if (type.equals(ApiErrorType.OVERLOADED) || api.status() == 529) {
            return FailureKind.OVERLOADED;
        }
        if (type.equals(ApiErrorType.RATE_LIMIT) || api.status() == 429) {
            return FailureKind.RATE_LIMITED;
        }
        if (api.inStream()) {
            // an error event inside a 200 stream carries only its type
            return CLIENT_ERROR_TYPES.contains(type) ? FailureKind.CLIENT_ERROR : FailureKind.SERVER_ERROR;
        }
        if (api.status() == 408) {
            return FailureKind.TIMEOUT;
        }
        if (api.status() >= 500 || api.status() < 400) {
            return FailureKind.SERVER_ERROR;
        }
        return FailureKind.CLIENT_ERROR;
    }

    private static boolean mentionsSpendLimit(String text) {
        if (text == null) {
            return false;
        }
        var lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("spend_limit") || lower.contains("spend limit") || lower.contains("billing");
    }
}
