package dev.mainstay.sim.internal;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.sim.ErrorFault;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Outcome;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Writes the error answers a fault profile injects, each with the API's status, error type and wording, and the
 * headers the profile asks for: {@code x-should-retry} on every one, {@code retry-after} and/or
 * {@code retry-after-ms} on a rate-limit 429. Records the outcome in the stats.
 */
final class FaultResponses {
    static final String CREDIT_BALANCE_MESSAGE = "Your credit balance is too low to access the Anthropic API."
            + " Please go to Plans & Billing to upgrade or purchase credits.";
    static final String PERMISSION_MESSAGE = "Your API key does not have permission to use the specified resource.";
    static final String TOO_LARGE_MESSAGE = "Request exceeds the maximum allowed number of bytes.";

    private final Services services;

    FaultResponses(Services services) {
        this.services = services;
    }

    /** A 429 (rate limit), 529 (overloaded) or, for any other status, 500. */
    void status(Context ctx, int status, FaultProfile profile) {
        shouldRetry(ctx, profile);
        switch (status) {
            case 429 -> {
                services.stats().outcome(Outcome.RATE_LIMITED);
                long millis = profile.retryAfter().toMillis();
                long seconds = (millis + 999) / 1000;
                var format = profile.retryAfterFormat();
                if (format != FaultProfile.RetryAfterFormat.MILLIS) {
                    ctx.header("retry-after", Long.toString(seconds));
                }
                if (format != FaultProfile.RetryAfterFormat.SECONDS) {
                    ctx.header("retry-after-ms", Long.toString(millis));
                }
                services.rateLimits().applyExhausted(ctx, profile.retryAfter());
                ErrorEnvelope.write(ctx, 429, ApiErrorType.RATE_LIMIT, "This request would exceed your"
                        + " organization's rate limit of " + RateLimits.REQUESTS_PER_MINUTE
                        + " requests per minute (simulated by Mainstay). Retry after " + seconds + " s.");
            }
            case 529 -> {
                services.stats().outcome(Outcome.OVERLOADED);
                ErrorEnvelope.write(ctx, 529, ApiErrorType.OVERLOADED, "Overloaded");
            }
            default -> {
                services.stats().outcome(Outcome.SERVER_ERROR);
                ErrorEnvelope.write(ctx, 500, ApiErrorType.API_ERROR, "Internal server error");
            }
        }
    }

    /** One of the injected client errors, for a request for {@code model}. */
    void refused(Context ctx, ErrorFault kind, String model, FaultProfile profile) {
        shouldRetry(ctx, profile);
        services.stats().outcome(outcome(kind));
        ErrorEnvelope.write(ctx, kind.status(), kind.type(), message(kind, model));
    }

    private String message(ErrorFault kind, String model) {
        return switch (kind) {
            case INVALID_REQUEST_400 -> "Simulated invalid request: the Mainstay simulator's fault profile ("
                    + kind.field() + ") refused this request.";
            case CREDIT_BALANCE_400 -> CREDIT_BALANCE_MESSAGE;
            case AUTHENTICATION_401 -> "invalid x-api-key";
            case PERMISSION_403 -> PERMISSION_MESSAGE;
            case NOT_FOUND_404 -> "model: " + model;
            case REQUEST_TOO_LARGE_413 -> TOO_LARGE_MESSAGE;
            case USAGE_LIMIT_429 -> "You have reached your specified API usage limits. You will regain access on "
                    + nextMonth() + " at 00:00 UTC.";
        };
    }

    /** Usage limits are monthly: access comes back on the first day of next month (UTC). */
    private LocalDate nextMonth() {
        return LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
    }

    private static Outcome outcome(ErrorFault kind) {
        return switch (kind) {
            case INVALID_REQUEST_400 -> Outcome.INVALID_REQUEST;
            case CREDIT_BALANCE_400 -> Outcome.CREDIT_BALANCE_LOW;
            case AUTHENTICATION_401 -> Outcome.UNAUTHENTICATED;
            case PERMISSION_403 -> Outcome.PERMISSION_DENIED;
            case NOT_FOUND_404 -> Outcome.NOT_FOUND;
            case REQUEST_TOO_LARGE_413 -> Outcome.TOO_LARGE;
            case USAGE_LIMIT_429 -> Outcome.USAGE_LIMITED;
        };
    }

    private static void shouldRetry(Context ctx, FaultProfile profile) {
        switch (profile.shouldRetryHeader()) {
            case TRUE -> ctx.header("x-should-retry", "true");
            case FALSE -> ctx.header("x-should-retry", "false");
            case ABSENT -> {
                // the client decides by status
            }
        }
    }
}
