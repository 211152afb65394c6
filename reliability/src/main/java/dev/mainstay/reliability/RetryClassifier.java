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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides whether a failed model call may be retried, and what kind of failure it was.
 *
 * <p>The structured error decides first, its wording only after:
 * <ol>
 *   <li>cancelled → never (a local policy's refusal is a value, not a failure: it never reaches here);</li>
 *   <li>content already delivered to a streaming caller → never (a retry would duplicate it);</li>
 *   <li>a spend limit or billing error by its structure — type {@code billing_error}, status 402, or a detail code
 *       ({@code error.details.error_code}) such as {@code enforced_spend_limit_reached} → never;</li>
 *   <li>{@code x-should-retry: false} → never, {@code x-should-retry: true} → retry;</li>
 *   <li>a 4xx worded as a spend limit or an empty credit balance, in the wordings the API documents
 *       ({@link #SPEND_LIMIT_WORDINGS}): "You have reached your specified API usage limits", "… workspace API usage
 *       limits", "Your credit balance is too low…", "spend limit" → never;</li>
 *   <li>{@code overloaded_error} (any status, also inside a 200 stream), 429, 408, 5xx, an {@code api_error}
 *       stream event, connection failures → retry;</li>
 *   <li>a timeout → retry while the run's deadline has time left;</li>
 *   <li>any other 4xx (400, 401, 403, 404, 413…) → never.</li>
 * </ol>
 * Thread-safe and stateless apart from its clock, which turns HTTP-date and RFC 3339 hints into durations.
 */
public final class RetryClassifier {
    /** Detail codes ({@code error.details.error_code}) that mean a spend limit or an empty balance. */
    public static final Set<String> SPEND_LIMIT_DETAIL_CODES = Set.of(
            "enforced_spend_limit_reached", "spend_limit_reached", "credit_balance_too_low", "insufficient_quota");
    /** The documented wordings of spend-limit and credit errors, lower-cased; matched only on 4xx and stream errors. */
    public static final List<String> SPEND_LIMIT_WORDINGS = List.of(
            "you have reached your specified api usage limits",
            "you have reached your specified workspace api usage limits",
            "your credit balance is too low",
            "spend limit",
            "spend_limit");

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
        Optional<Duration> hint = Optional.empty();
        if (failure instanceof ModelApiException api) {
            if (spendLimitByStructure(api)) {
                return new RetryDecision.NotRetryable(FailureKind.SPEND_LIMIT, "spend_limit");
            }
            var shouldRetry = api.headers().first("x-should-retry").map(v -> v.trim().toLowerCase(Locale.ROOT));
            if (shouldRetry.filter("false"::equals).isPresent()) {
                return new RetryDecision.NotRetryable(kind, "server_said_no_retry");
            }
            hint = serverHint(api.headers());
            if (shouldRetry.filter("true"::equals).isPresent()) {
                return new RetryDecision.Retryable(kind == FailureKind.SPEND_LIMIT ? kindIgnoringWording(api) : kind,
                        hint);
            }
        }
        if (kind == FailureKind.SPEND_LIMIT) {
            return new RetryDecision.NotRetryable(kind, "spend_limit");
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
            case ModelApiException api -> spendLimitByStructure(api) || spendLimitByWording(api)
                    ? FailureKind.SPEND_LIMIT
                    : kindIgnoringWording(api);
        };
    }

    /** The provider's requested wait in {@code headers}, if any; see {@link ServerHints}. */
    public Optional<Duration> serverHint(ResponseHeaders headers) {
        return ServerHints.parse(headers, clock.instant());
    }

    private static boolean spendLimitByStructure(ModelApiException api) {
        var type = api.errorType().value().toLowerCase(Locale.ROOT);
        return api.errorType().equals(ApiErrorType.BILLING) || api.status() == 402
                || type.contains("billing") || type.contains("spend_limit")
                || SPEND_LIMIT_DETAIL_CODES.contains(api.detailCode().toLowerCase(Locale.ROOT));
    }

    private static boolean spendLimitByWording(ModelApiException api) {
        boolean clientStatus = api.status() >= 400 && api.status() < 500;
        if (!clientStatus && !api.inStream()) {
            return false;
        }
        var message = api.getMessage() == null ? "" : api.getMessage().toLowerCase(Locale.ROOT);
        return SPEND_LIMIT_WORDINGS.stream().anyMatch(message::contains);
    }

    private static FailureKind kindIgnoringWording(ModelApiException api) {
        var type = api.errorType();
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
}
