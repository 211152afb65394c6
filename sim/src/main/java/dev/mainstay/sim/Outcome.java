package dev.mainstay.sim;

/** How the simulator ended one {@code POST /v1/messages} request; {@link #key()} is the key in the stats. */
public enum Outcome {
    /** A complete, well-formed answer. */
    OK("ok"),
    /** {@code 429 rate_limit_error}. */
    RATE_LIMITED("429"),
    /** {@code 529 overloaded_error}. */
    OVERLOADED("529"),
    /** {@code 500 api_error}. */
    SERVER_ERROR("500"),
    /** An {@code overloaded_error} event in the middle of a 200 stream. */
    STREAM_ERROR("stream_error"),
    /** The connection was closed mid-response. */
    CUT("cut"),
    /** The request was held without an answer. */
    HANG("hang"),
    /** A 200 with a truncated JSON body. */
    MALFORMED("malformed"),
    /** {@code 400 invalid_request_error}: the request itself was invalid (or an injected 400). */
    INVALID_REQUEST("400"),
    /** {@code 401 authentication_error}: no API key (or an injected invalid one). */
    UNAUTHENTICATED("401"),
    /** {@code 413 request_too_large}. */
    TOO_LARGE("413"),
    /** {@code 403 permission_error} (injected). */
    PERMISSION_DENIED("403"),
    /** {@code 404 not_found_error} (injected). */
    NOT_FOUND("404"),
    /** {@code 429 rate_limit_error} for a spend (usage) limit (injected). */
    USAGE_LIMITED("429_usage_limit"),
    /** {@code 400 invalid_request_error} for a credit balance too low (injected). */
    CREDIT_BALANCE_LOW("400_credit_balance");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
