package dev.mainstay.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys: random, shown once, stored as a hash, revocable, with the time each was last used. Thread-safe.
 */
public interface ApiKeys {
    /** Creates a key for {@code userId} of the tenant with {@code role}; the secret is in the result only. */
    CreatedKey create(String tenantId, String userId, Principal.Role role, Instant now);

    /** The principal of an unrevoked key whose secret this is; records the use (coarsely). */
    Optional<Principal> authenticate(String secret, Instant now);

    /** The tenant's keys, without secrets. */
    List<KeyInfo> list(String tenantId);

    /** Every tenant's keys (the operator's CLI). */
    List<KeyInfo> listAll();

    /** Revokes the key; false when there is no such key (in {@code tenantId}, when given). */
    boolean revoke(Optional<String> tenantId, String keyId, Instant now);

    /** A new key: its id and the secret, which is never stored and cannot be shown again. */
    record CreatedKey(KeyInfo info, String secret) {}

    /** @param prefix the secret's first characters, to recognise a key in a list */
    record KeyInfo(String id, String tenantId, String userId, Principal.Role role, String prefix, Instant createdAt,
            Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
        public KeyInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }
}
