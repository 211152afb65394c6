package dev.mainstay.sim.internal;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * Plausible {@code anthropic-ratelimit-*} headers: fixed per-minute limits, and what is left of them in the current
 * minute given the requests and tokens the simulator served. The simulator never refuses a request because of them;
 * only a fault profile's 429s do. Thread-safe.
 */
public final class RateLimits {
    public static final long REQUESTS_PER_MINUTE = 4_000;
    public static final long TOKENS_PER_MINUTE = 2_000_000;

    private final InstantSource clock;
    private Instant windowStart = Instant.EPOCH;
    private long requests;
    private long tokens;

    public RateLimits(InstantSource clock) {
        this.clock = clock;
    }

    public synchronized void recordRequest() {
        roll();
        requests++;
    }

    public synchronized void recordTokens(long count) {
        roll();
        tokens += count;
    }

    /** Sets the six headers for the current window. */
    public void apply(Context ctx) {
        long requestsLeft;
        long tokensLeft;
        Instant reset;
        synchronized (this) {
            roll();
            requestsLeft = Math.max(0, REQUESTS_PER_MINUTE - requests);
            tokensLeft = Math.max(0, TOKENS_PER_MINUTE - tokens);
            reset = windowStart.plus(1, ChronoUnit.MINUTES);
        }
        ctx.header("anthropic-ratelimit-requests-limit", Long.toString(REQUESTS_PER_MINUTE));
        ctx.header("anthropic-ratelimit-requests-remaining", Long.toString(requestsLeft));
        ctx.header("anthropic-ratelimit-requests-reset", reset.toString());
        ctx.header("anthropic-ratelimit-tokens-limit", Long.toString(TOKENS_PER_MINUTE));
        ctx.header("anthropic-ratelimit-tokens-remaining", Long.toString(tokensLeft));
        ctx.header("anthropic-ratelimit-tokens-reset", reset.toString());
    }

    /** Overrides the request headers for a simulated 429: nothing left until {@code retryAfter} from now. */
    public void applyExhausted(Context ctx, Duration retryAfter) {
        var reset = clock.instant().plus(retryAfter).truncatedTo(ChronoUnit.SECONDS);
        ctx.header("anthropic-ratelimit-requests-remaining", "0");
        ctx.header("anthropic-ratelimit-requests-reset", reset.toString());
    }

    private void roll() {
        var now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (!now.equals(windowStart)) {
            windowStart = now;
            requests = 0;
            tokens = 0;
        }
    }
}
