package dev.mainstay.server.internal.http;

import dev.mainstay.store.ApiKeys;
import dev.mainstay.store.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Keys this node verified recently, so a busy key is not looked up in the store on every request. Entries are keyed
 * by the SHA-256 of the secret (the secret itself is not kept) and trusted for {@link #TTL}: a key revoked on any
 * node is refused everywhere within that bound. Keys that failed are not remembered — each is looked up again.
 * Concurrent requests with one key that is not cached share one lookup. Thread-safe.
 */
final class VerifiedKeys {
    /** How long a verified key is trusted without asking the store: the bound on revocation. */
    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_KEYS = 10_000;

    private final BiFunction<String, Instant, Optional<Principal>> lookUp;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final SharedReads<String, Optional<Principal>> lookingUp = new SharedReads<>();

    /** @param lookUp the store's check of a secret ({@link ApiKeys#authenticate}) */
    VerifiedKeys(BiFunction<String, Instant, Optional<Principal>> lookUp) {
        this.lookUp = lookUp;
    }

    Optional<Principal> authenticate(String secret, Instant now) {
        var digest = digest(secret);
        var known = verified.get(digest);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.principal());
        }
        // one store lookup per key at a time: a burst on a key that is not cached (a cold node, an expired entry)
        // waits for the first lookup instead of taking a pooled connection each and starving the pool
        return lookingUp.read(digest, () -> {
            var found = lookUp.apply(secret, now);
            if (found.isPresent()) {
                if (verified.size() >= MAX_KEYS) {
                    verified.clear();
                }
                verified.put(digest, new Verified(found.get(), now.plus(TTL)));
            } else {
                verified.remove(digest);
            }
            return found;
        });
    }

    private static String digest(String secret) {
        try {
            var bytes = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Verified(Principal principal, Instant until) {}
}
