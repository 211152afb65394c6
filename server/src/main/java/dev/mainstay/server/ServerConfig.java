package dev.mainstay.server;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.runtime.config.EnvReader;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's settings ({@code mainstay serve}), read from {@code MAINSTAY_*} variables and validated at once: a
 * bad value fails start-up naming the variable and the value; every problem is listed. The database password is
 * never echoed.
 *
 * @param store where the database is ({@code MAINSTAY_DB_URL}, default {@value StoreConfig#DEFAULT_URL})
 * @param host the address the API binds ({@code MAINSTAY_HOST})
 * @param port the API's port, 0 for any free one ({@code MAINSTAY_PORT})
 * @param role what this node does ({@code MAINSTAY_ROLE}: api, worker or all)
 * @param workers how many runs this node runs at once ({@code MAINSTAY_WORKERS})
 * @param leaseDuration how long a claim holds a run without renewal ({@code MAINSTAY_LEASE_DURATION}): after a
 *     node dies its runs resume elsewhere within about this long
 * @param renewInterval how often leases are renewed and cancellations picked up ({@code
 *     MAINSTAY_LEASE_RENEW_INTERVAL}); at most half the lease
 * @param pollInterval how often an idle worker looks for runs queued on other nodes ({@code MAINSTAY_POLL_INTERVAL});
 *     runs accepted on this node wake its workers at once
 * @param shutdownGrace how long SIGTERM waits for runs in flight before giving them back ({@code
 *     MAINSTAY_SHUTDOWN_GRACE})
 * @param eventRetention how long a finished run's events stay streamable ({@code MAINSTAY_EVENT_RETENTION})
 * @param idempotencyRetention how long an idempotency key's response is replayed ({@code
 *     MAINSTAY_IDEMPOTENCY_RETENTION})
 * @param sseKeepAlive how often an idle event stream gets a comment line, so proxies keep it open ({@code
 *     MAINSTAY_SSE_KEEPALIVE})
 */
public record ServerConfig(StoreConfig store, String host, int port, ServerRole role, int workers,
        Duration leaseDuration, Duration renewInterval, Duration pollInterval, Duration shutdownGrace,
        Duration eventRetention, Duration idempotencyRetention, Duration sseKeepAlive) {
    public static final String DB_URL = "MAINSTAY_DB_URL";
    public static final String DB_USER = "MAINSTAY_DB_USER";
    public static final String DB_PASSWORD = "MAINSTAY_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "MAINSTAY_DB_POOL_SIZE";
    public static final String HOST = "MAINSTAY_HOST";
    public static final String PORT = "MAINSTAY_PORT";
    public static final String ROLE = "MAINSTAY_ROLE";
    public static final String WORKERS = "MAINSTAY_WORKERS";
    public static final String LEASE_DURATION = "MAINSTAY_LEASE_DURATION";
    public static final String LEASE_RENEW_INTERVAL = "MAINSTAY_LEASE_RENEW_INTERVAL";
    public static final String POLL_INTERVAL = "MAINSTAY_POLL_INTERVAL";
    public static final String SHUTDOWN_GRACE = "MAINSTAY_SHUTDOWN_GRACE";
    public static final String EVENT_RETENTION = "MAINSTAY_EVENT_RETENTION";
    public static final String IDEMPOTENCY_RETENTION = "MAINSTAY_IDEMPOTENCY_RETENTION";
    public static final String SSE_KEEPALIVE = "MAINSTAY_SSE_KEEPALIVE";

    /** Every variable this configuration reads. */
    public static final List<String> VARIABLES = List.of(DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, HOST, PORT, ROLE,
            WORKERS, LEASE_DURATION, LEASE_RENEW_INTERVAL, POLL_INTERVAL, SHUTDOWN_GRACE, EVENT_RETENTION,
            IDEMPOTENCY_RETENTION, SSE_KEEPALIVE);

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_WORKERS = 200;
    public static final int MAX_WORKERS = 20_000;
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RENEW_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofHours(24);
    public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofHours(24);
    public static final Duration DEFAULT_SSE_KEEPALIVE = Duration.ofSeconds(15);

    public ServerConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        var problems = new ArrayList<String>();
        if (port < 0 || port > 65_535) {
            problems.add("port must be between 0 and 65535, but was " + port);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            problems.add("workers must be between 1 and " + MAX_WORKERS + ", but was " + workers);
        }
        for (var d : List.of(leaseDuration, renewInterval, pollInterval, shutdownGrace, eventRetention,
                idempotencyRetention, sseKeepAlive)) {
            if (d == null || d.isNegative() || d.isZero()) {
                problems.add("every duration must be positive, but one was " + d);
            }
        }
        if (problems.isEmpty() && renewInterval.multipliedBy(2).compareTo(leaseDuration) > 0) {
            problems.add("the renew interval must be at most half the lease duration, but was "
                    + Durations.format(renewInterval) + " for a lease of " + Durations.format(leaseDuration));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The defaults: SQLite in ./data, port 8080, every role. */
    public static ServerConfig defaults() {
        return new ServerConfig(StoreConfig.of(StoreConfig.DEFAULT_URL), DEFAULT_HOST, DEFAULT_PORT, ServerRole.ALL,
                DEFAULT_WORKERS, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_INTERVAL, DEFAULT_POLL_INTERVAL,
                DEFAULT_SHUTDOWN_GRACE, DEFAULT_EVENT_RETENTION, DEFAULT_IDEMPOTENCY_RETENTION, DEFAULT_SSE_KEEPALIVE);
    }

    /** Reads and validates every setting. @throws InvalidConfigException listing every problem found */
    public static ServerConfig fromEnv(Map<String, String> env) {
        var r = new EnvReader(env);
        var problems = new ArrayList<ConfigProblem>();
        var url = r.string(DB_URL, StoreConfig.DEFAULT_URL);
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            // the URL may hold a password: name the setting, not the value
            problems.add(ConfigProblem.stated(DB_URL, DB_URL
                    + " must be jdbc:sqlite:<file> or jdbc:postgresql://host:port/database"));
            url = StoreConfig.DEFAULT_URL;
        }
        int pool = r.positiveInt(DB_POOL_SIZE, StoreConfig.DEFAULT_POOL_SIZE);
        var store = new StoreConfig(url, r.string(DB_USER), Optional.ofNullable(env.get(DB_PASSWORD))
                .filter(p -> !p.isEmpty()), pool, StoreConfig.DEFAULT_CONNECT_TIMEOUT);
        var host = r.string(HOST, DEFAULT_HOST);
        int port = (int) r.longValue(PORT, DEFAULT_PORT);
        if (port < 0 || port > 65_535) {
            r.problem(PORT, "between 0 and 65535", String.valueOf(port));
            port = DEFAULT_PORT;
        }
        var role = r.oneOf(ROLE, ServerRole.class, ServerRole.ALL);
        int workers = r.positiveInt(WORKERS, DEFAULT_WORKERS);
        if (workers > MAX_WORKERS) {
            r.problem(WORKERS, "at most " + MAX_WORKERS, String.valueOf(workers));
            workers = DEFAULT_WORKERS;
        }
        var lease = r.positiveDuration(LEASE_DURATION, DEFAULT_LEASE_DURATION);
        var renew = r.positiveDuration(LEASE_RENEW_INTERVAL, DEFAULT_RENEW_INTERVAL);
        if (renew.multipliedBy(2).compareTo(lease) > 0) {
            r.problem(LEASE_RENEW_INTERVAL, "at most half of " + LEASE_DURATION + " (" + Durations.format(lease)
                    + ")", Durations.format(renew));
            renew = lease.dividedBy(2);
        }
        var poll = r.positiveDuration(POLL_INTERVAL, DEFAULT_POLL_INTERVAL);
        var grace = r.positiveDuration(SHUTDOWN_GRACE, DEFAULT_SHUTDOWN_GRACE);
        var events = r.positiveDuration(EVENT_RETENTION, DEFAULT_EVENT_RETENTION);
        var keys = r.positiveDuration(IDEMPOTENCY_RETENTION, DEFAULT_IDEMPOTENCY_RETENTION);
        var keepAlive = r.positiveDuration(SSE_KEEPALIVE, DEFAULT_SSE_KEEPALIVE);
        problems.addAll(r.problems());
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ServerConfig(store, host, port, role, workers, lease, renew, poll, grace, events, keys, keepAlive);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(store, host, newPort, role, workers, leaseDuration, renewInterval, pollInterval,
                shutdownGrace, eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(store, newHost, port, role, workers, leaseDuration, renewInterval, pollInterval,
                shutdownGrace, eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withRole(ServerRole newRole) {
        return new ServerConfig(store, host, port, newRole, workers, leaseDuration, renewInterval, pollInterval,
                shutdownGrace, eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withStore(StoreConfig newStore) {
        return new ServerConfig(newStore, host, port, role, workers, leaseDuration, renewInterval, pollInterval,
                shutdownGrace, eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withWorkers(int n) {
        return new ServerConfig(store, host, port, role, n, leaseDuration, renewInterval, pollInterval,
                shutdownGrace, eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withLeases(Duration lease, Duration renew) {
        return new ServerConfig(store, host, port, role, workers, lease, renew, pollInterval, shutdownGrace,
                eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withShutdownGrace(Duration grace) {
        return new ServerConfig(store, host, port, role, workers, leaseDuration, renewInterval, pollInterval, grace,
                eventRetention, idempotencyRetention, sseKeepAlive);
    }

    public ServerConfig withSseKeepAlive(Duration keepAlive) {
        return new ServerConfig(store, host, port, role, workers, leaseDuration, renewInterval, pollInterval,
                shutdownGrace, eventRetention, idempotencyRetention, keepAlive);
    }
}
