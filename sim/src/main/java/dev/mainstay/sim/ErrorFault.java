package dev.mainstay.sim;

import dev.mainstay.model.ApiErrorType;

/**
 * The client-error answers a {@link FaultProfile} can inject besides 429 rate limits, 529 and 500, each in the
 * API's own status, error type and wording, so that a client's handling of each can be tested against the
 * simulator. None of them is worth retrying, apart from what {@code x-should-retry} says.
 */
public enum ErrorFault {
    /** {@code 400 invalid_request_error}, as for a request the API refuses. */
    INVALID_REQUEST_400("rate_400", 400, ApiErrorType.INVALID_REQUEST),
    /** {@code 400 invalid_request_error}: "Your credit balance is too low to access the Anthropic API. …" */
    CREDIT_BALANCE_400("rate_400_credit_balance", 400, ApiErrorType.INVALID_REQUEST),
    /** {@code 401 authentication_error}: "invalid x-api-key". */
    AUTHENTICATION_401("rate_401", 401, ApiErrorType.AUTHENTICATION),
    /** {@code 403 permission_error}: the key may not use the resource. */
    PERMISSION_403("rate_403", 403, ApiErrorType.PERMISSION),
    /** {@code 404 not_found_error}, as for a model the account cannot see: "model: NAME". */
    NOT_FOUND_404("rate_404", 404, ApiErrorType.NOT_FOUND),
    /** {@code 413 request_too_large}. */
    REQUEST_TOO_LARGE_413("rate_413", 413, ApiErrorType.REQUEST_TOO_LARGE),
    /**
     * {@code 429 rate_limit_error} for a spend (usage) limit, not a rate: "You have reached your specified API usage
     * limits. You will regain access on … at 00:00 UTC." No {@code retry-after}: waiting seconds does not help.
     */
    USAGE_LIMIT_429("rate_429_usage_limit", 429, ApiErrorType.RATE_LIMIT);

    private final String field;
    private final int status;
    private final ApiErrorType type;

    ErrorFault(String field, int status, ApiErrorType type) {
        this.field = field;
        this.status = status;
        this.type = type;
    }

    /** Its rate's field in the admin API's JSON profile, e.g. {@code rate_403}. */
    public String field() {
        return field;
    }

    public int status() {
        return status;
    }

    public ApiErrorType type() {
        return type;
    }
}
