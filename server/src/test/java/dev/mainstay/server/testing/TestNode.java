package dev.mainstay.server.testing;

import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.server.ServerConfig;
import dev.mainstay.server.ServerRole;
import dev.mainstay.store.Principal;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Tenants;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A real node of the service for tests: the server on a random loopback port, offline on the built-in simulator,
 * with short leases so recovery is quick. Build one with {@link #on}.
 */
public final class TestNode {
    /** Leases short enough that a dead node's runs move on quickly, long enough for a loaded 2-core machine. */
    public static final Duration LEASE = Duration.ofSeconds(3);
    public static final Duration RENEW = Duration.ofMillis(500);
    public static final Duration POLL = Duration.ofMillis(100);

    private final StoreConfig store;
    private final Map<String, String> env = new HashMap<>();
    private ServerRole role = ServerRole.ALL;
    private int workers = 32;
    private Duration grace = Duration.ofSeconds(5);
    private Duration keepAlive = ServerConfig.DEFAULT_SSE_KEEPALIVE;

    private TestNode(StoreConfig store, Path home) {
        this.store = store;
        env.put("HOME", home.toString());
    }

    public static TestNode on(StoreConfig store, Path home) {
        return new TestNode(store, home);
    }

    /** {@code MAINSTAY_SIM_LATENCY}, e.g. {@code 1s} or {@code 200ms..800ms}. */
    public TestNode simLatency(String latency) {
        env.put(MainstayConfig.SIM_LATENCY, latency);
        return this;
    }

    public TestNode env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestNode role(ServerRole value) {
        role = value;
        return this;
    }

    public TestNode workers(int n) {
        workers = n;
        return this;
    }

    public TestNode grace(Duration value) {
        grace = value;
        return this;
    }

    public TestNode keepAlive(Duration value) {
        keepAlive = value;
        return this;
    }

    public ServerConfig serverConfig() {
        return new ServerConfig(store, "127.0.0.1", 0, role, workers, LEASE, RENEW, POLL, grace,
                ServerConfig.DEFAULT_EVENT_RETENTION, ServerConfig.DEFAULT_IDEMPOTENCY_RETENTION, keepAlive);
    }

    public MainstayServer start() {
        return MainstayServer.start(serverConfig(), MainstayConfig.fromEnv(env, Path.of(env.get("HOME"))),
                line -> {});
    }

    /** A tenant with limits high enough for tests, and an API key of it. */
    public static Key tenantWithKey(Store store, String name, Principal.Role role, String user) {
        var now = Instant.now();
        var tenant = store.tenants().findByName(name).orElseGet(() -> store.tenants().create(name, now));
        store.tenants().updateLimits(tenant.id(), new Tenants.TenantLimits(200, 10_000, 10_000));
        var created = store.keys().create(tenant.id(), user, role, now);
        return new Key(tenant.id(), user, created.secret(), created.info().id());
    }

    /** An API key for a test: its tenant, user, secret and id. */
    public record Key(String tenantId, String userId, String secret, String id) {}
}
