package dev.mainstay.reliability;

/**
 * What kind of failure a model call ended in, as decided by {@link RetryClassifier#kind}. Retry, circuit breakers,
 * adaptive concurrency and fallback all act on this one classification, so they cannot disagree.
 */
public enum FailureKind {
    /** The request's own fault (400, 401, 403, 404, 413 and other 4xx): the same request fails again. */
    CLIENT_ERROR,
    /** The organisation's spend limit or billing stops the call; waiting seconds does not help. */
    SPEND_LIMIT,
    /** 429 rate limit: the provider is healthy, this caller is too fast. */
    RATE_LIMITED,
    /** 529 or an {@code overloaded_error}, also inside a 200 stream: the provider is shedding load. */
    OVERLOADED,
    /** 5xx or an {@code api_error}: the provider failed. */
    SERVER_ERROR,
    /** The attempt ran out of time (its own timeout, the run's deadline, or a 408). */
    TIMEOUT,
    /** Below HTTP: refused, reset, cut short. */
    CONNECTION,
    /** The run was cancelled. */
    CANCELLED;

    /** Whether this failure says something about the provider's health; circuit breakers count only these. */
    public boolean indicatesProviderTrouble() {
        return switch (this) {
            case OVERLOADED, SERVER_ERROR, TIMEOUT, CONNECTION -> true;
            case CLIENT_ERROR, SPEND_LIMIT, RATE_LIMITED, CANCELLED -> false;
        };
    }

    /** Whether this failure asks the caller to send less; adaptive concurrency shrinks its limit on these. */
    public boolean signalsOverload() {
        return switch (this) {
            case RATE_LIMITED, OVERLOADED, TIMEOUT -> true;
            case CLIENT_ERROR, SPEND_LIMIT, SERVER_ERROR, CONNECTION, CANCELLED -> false;
        };
    }

    /** Whether this kind of failure is worth another attempt, before per-call overrides (headers, delivery). */
    boolean transientByNature() {
        return switch (this) {
            case RATE_LIMITED, OVERLOADED, SERVER_ERROR, TIMEOUT, CONNECTION -> true;
            case CLIENT_ERROR, SPEND_LIMIT, CANCELLED -> false;
        };
    }
}
