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
    /** {@code 400 invalid_request_error}: the request itself was invalid. */
    INVALID_REQUEST("400"),
    /** {@code 401 authentication_error}: no API key. */
    UNAUTHENTICATED("401"),
    /** {@code 413 request_too_large}. */
    TOO_LARGE("413");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
