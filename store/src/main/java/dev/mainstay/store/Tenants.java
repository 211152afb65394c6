package dev.mainstay.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tenants and their limits. Thread-safe. */
public interface Tenants {
    /**
     * Creates a tenant named {@code name} (1-64 of {@code [a-z0-9-]}), with the default limits.
     *
     * @throws IllegalArgumentException when the name is invalid or taken
     */
    Tenant create(String name, Instant now);

    Optional<Tenant> find(String id);

    Optional<Tenant> findByName(String name);

    List<Tenant> list();

    /** Changes a tenant's limits; empty when there is no such tenant. */
    Optional<Tenant> updateLimits(String id, TenantLimits limits);

    record Tenant(String id, String name, TenantLimits limits, Instant createdAt) {
        public Tenant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * @param maxConcurrentRuns runs of the tenant running at once, across every node
     * @param requestsPerSecond each API key's sustained request rate (token bucket refill)
     * @param burst each API key's bucket size
     * @param maxQueuedRuns runs of the tenant waiting in the queue at most: a run submitted beyond it is refused
     *     (counted in the accepting transaction; concurrent accepts on PostgreSQL may pass it by a few)
     */
    record TenantLimits(int maxConcurrentRuns, double requestsPerSecond, int burst, int maxQueuedRuns) {
        public static final int DEFAULT_MAX_QUEUED_RUNS = 10_000;
        public static final TenantLimits DEFAULTS = new TenantLimits(50, 20, 40);

        public TenantLimits {
            if (maxConcurrentRuns < 1 || requestsPerSecond <= 0 || burst < 1 || maxQueuedRuns < 1) {
                throw new IllegalArgumentException("tenant limits must be positive");
            }
        }

        /** Limits with the default queue bound, {@value #DEFAULT_MAX_QUEUED_RUNS}. */
        public TenantLimits(int maxConcurrentRuns, double requestsPerSecond, int burst) {
            this(maxConcurrentRuns, requestsPerSecond, burst, DEFAULT_MAX_QUEUED_RUNS);
        }

        public TenantLimits withMaxQueuedRuns(int max) {
            return new TenantLimits(maxConcurrentRuns, requestsPerSecond, burst, max);
        }
    }
}
