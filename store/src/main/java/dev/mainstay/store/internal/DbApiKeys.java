package dev.mainstay.store.internal;

import dev.mainstay.store.ApiKeys;
import dev.mainstay.store.Principal;
import dev.mainstay.store.StoreException;
import dev.mainstay.time.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * API keys. A secret is {@code msk_} and 32 base62 characters from {@link SecureRandom} (190 bits); the table keeps
 * its SHA-256 and its first {@value #PREFIX_LENGTH} characters, never the secret. Authenticating looks the hash up
 * (a unique index). The last use is recorded at most once per {@link #LAST_USED_GRANULARITY} per key — remembered
 * in memory, and made conditional in the database so other nodes do not write it again either — so a busy key does
 * not cost a write per request.
 */
final class DbApiKeys implements ApiKeys {
    static final String SECRET_PREFIX = "msk_";
    static final int SECRET_RANDOM_CHARS = 32;
    static final int PREFIX_LENGTH = 8;
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int MAX_SECRET_LENGTH = 256;
    private static final String COLUMNS = "id, tenant_id, user_id, role, prefix, created_at, last_used_at, revoked_at";
    private static final RowMapper<KeyInfo> MAPPER = (rows, ctx) -> new KeyInfo(rows.getString("id"),
            rows.getString("tenant_id"), rows.getString("user_id"), role(rows.getString("role")),
            rows.getString("prefix"), Values.instant(rows.getLong("created_at")),
            Values.instant(rows, "last_used_at"), Values.instant(rows, "revoked_at"));

    private final Database db;
    private final IdGenerator ids;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Long> lastRecorded = new ConcurrentHashMap<>();

    DbApiKeys(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    @Override
    public CreatedKey create(String tenantId, String userId, Principal.Role role, Instant now) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a key needs a user id");
        }
        var secret = newSecret();
        var info = new KeyInfo(ids.next("key"), tenantId, userId, role, secret.substring(0, PREFIX_LENGTH), now,
                Optional.empty(), Optional.empty());
        try {
            db.write("create an API key", h -> h.createUpdate("""
                    INSERT INTO api_keys (id, tenant_id, user_id, role, secret_hash, prefix, created_at)
                    VALUES (:id, :tenant, :user, :role, :hash, :prefix, :at)""")
                    .bind("id", info.id()).bind("tenant", tenantId).bind("user", userId)
                    .bind("role", role.name().toLowerCase(Locale.ROOT)).bind("hash", hash(secret))
                    .bind("prefix", info.prefix()).bind("at", Values.nanos(now)).execute());
        } catch (StoreException e) {
            if (Database.sqlCause(e).filter(db.dialect()::isForeignKeyViolation).isPresent()) {
                throw new IllegalArgumentException("there is no tenant " + tenantId);
            }
            throw e;
        }
        return new CreatedKey(info, secret);
    }

    @Override
    public Optional<Principal> authenticate(String secret, Instant now) {
        if (secret == null || secret.length() > MAX_SECRET_LENGTH || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        record Found(Principal principal, Long lastUsed) {}
        var found = db.read("authenticate an API key", h -> h.createQuery("""
                SELECT k.id, k.tenant_id, k.user_id, k.role, k.last_used_at FROM api_keys k
                WHERE k.secret_hash = :hash AND k.revoked_at IS NULL""")
                .bind("hash", hash(secret))
                .map((rows, ctx) -> {
                    long lastUsed = rows.getLong(5);
                    return new Found(new Principal(rows.getString(1), rows.getString(2), rows.getString(3),
                            role(rows.getString(4))), rows.wasNull() ? null : lastUsed);
                }).findOne());
        found.ifPresent(f -> recordUse(f.principal().keyId(), f.lastUsed(), Values.nanos(now)));
        return found.map(Found::principal);
    }

    private void recordUse(String keyId, Long storedLastUse, long now) {
        long granularity = LAST_USED_GRANULARITY.toNanos();
        long known = Math.max(storedLastUse == null ? Long.MIN_VALUE : storedLastUse,
                lastRecorded.getOrDefault(keyId, Long.MIN_VALUE));
        if (known != Long.MIN_VALUE && now - known < granularity) {
            return;
        }
        lastRecorded.put(keyId, now);
        db.write("record an API key's use", h -> h.createUpdate("""
                UPDATE api_keys SET last_used_at = :now
                WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :threshold)""")
                .bind("now", now).bind("id", keyId).bind("threshold", now - granularity).execute());
    }

    @Override
    public List<KeyInfo> list(String tenantId) {
        return db.read("list API keys", h -> h.createQuery("SELECT " + COLUMNS
                + " FROM api_keys WHERE tenant_id = :tenant ORDER BY created_at, id").bind("tenant", tenantId)
                .map(MAPPER).list());
    }

    @Override
    public List<KeyInfo> listAll() {
        return db.read("list API keys", h -> h.createQuery("SELECT " + COLUMNS
                + " FROM api_keys ORDER BY tenant_id, created_at, id").map(MAPPER).list());
    }

    @Override
    public boolean revoke(Optional<String> tenantId, String keyId, Instant now) {
        var scope = tenantId.isPresent() ? " AND tenant_id = :tenant" : "";
        return db.write("revoke an API key", h -> {
            var revoke = h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"
                    + scope).bind("now", Values.nanos(now)).bind("id", keyId);
            tenantId.ifPresent(t -> revoke.bind("tenant", t));
            if (revoke.execute() > 0) {
                return true;
            }
            var exists = h.createQuery("SELECT COUNT(*) FROM api_keys WHERE id = :id" + scope).bind("id", keyId);
            tenantId.ifPresent(t -> exists.bind("tenant", t));
            return exists.mapTo(Long.class).one() > 0;
        });
    }

    private String newSecret() {
        var chars = new char[SECRET_RANDOM_CHARS];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return SECRET_PREFIX + new String(chars);
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Principal.Role role(String stored) {
        return Principal.Role.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
