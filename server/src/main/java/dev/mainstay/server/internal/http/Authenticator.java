package dev.mainstay.server.internal.http;

import dev.mainstay.store.ApiKeys;
import dev.mainstay.store.Principal;
import dev.mainstay.store.RateLimits;
import dev.mainstay.store.Tenants;
import dev.mainstay.store.Tenants.TenantLimits;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Authenticates every {@code /v1} request by its Bearer API key and takes one token from the key's bucket (the
 * tenant's rate, kept in the store so it holds across nodes). The key is never logged or echoed. A verified key is
 * trusted for {@link VerifiedKeys#TTL} (so a revocation takes effect within that) and a busy key's tokens are taken
 * from the store a few at a time ({@link NodeTokens}): neither costs a database round trip per request.
 */
final class Authenticator {
    static final String PRINCIPAL = "mainstay.principal";
    /** How long a tenant's limits are cached on a node. */
    static final Duration LIMITS_TTL = Duration.ofSeconds(10);
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9._~+/=-]{1,256})");

    private final VerifiedKeys keys;
    private final Tenants tenants;
    private final NodeTokens rateLimits;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, CachedLimits> limits = new ConcurrentHashMap<>();
    private final SharedReads<String, TenantLimits> limitLookups = new SharedReads<>();

    Authenticator(ApiKeys keys, Tenants tenants, RateLimits rateLimits, InstantSource clock) {
        this.keys = new VerifiedKeys(keys::authenticate);
        this.tenants = tenants;
        this.rateLimits = new NodeTokens(rateLimits);
        this.clock = clock;
    }

    void authenticate(Context ctx) {
        var header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthenticated("send an API key as Authorization: Bearer <key>");
        }
        var matcher = BEARER.matcher(header.trim());
        if (!matcher.matches()) {
            throw unauthenticated("the Authorization header must be Bearer <key>");
        }
        var now = clock.instant();
        var principal = keys.authenticate(matcher.group(1), now)
                .orElseThrow(() -> unauthenticated("the API key is not valid, or was revoked"));
        var tenantLimits = limitsOf(principal.tenantId(), now);
        var wait = rateLimits.tryAcquire("api-key:" + principal.keyId(), tenantLimits.requestsPerSecond(),
                tenantLimits.burst(), now);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw Problem.of(ProblemType.RATE_LIMITED, "this API key may make " + tenantLimits.requestsPerSecond()
                    + " requests per second (bursts of " + tenantLimits.burst() + "); retry after " + seconds + " s")
                    .withRetryAfter(seconds).exception();
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("the request was not authenticated");
        }
        return principal;
    }

    private TenantLimits limitsOf(String tenantId, Instant now) {
        var cached = limits.get(tenantId);
        if (cached != null && cached.fetched.plus(LIMITS_TTL).isAfter(now)) {
            return cached.limits;
        }
        // one lookup at a time per tenant: the requests of a burst that found the cache cold or stale share it
        return limitLookups.read(tenantId, () -> {
            var fresh = tenants.find(tenantId).map(Tenants.Tenant::limits).orElse(TenantLimits.DEFAULTS);
            limits.put(tenantId, new CachedLimits(fresh, now));
            return fresh;
        });
    }

    private static ProblemException unauthenticated(String detail) {
        return ProblemException.of(ProblemType.UNAUTHENTICATED, detail);
    }

    private record CachedLimits(TenantLimits limits, Instant fetched) {}
}
