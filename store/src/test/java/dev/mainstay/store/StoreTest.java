package dev.mainstay.store;

import dev.mainstay.run.RunLimits;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The fixture of the store contract: each test class (annotated {@link BothDatabases}) runs once per database, on
 * a database of its own, emptied before every test. Time is a fake clock; ids are predictable.
 */
abstract class StoreTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(5);
    static final FakeClock clock = new FakeClock(START);
    static final AtomicLong sequence = new AtomicLong();
    static final IdGenerator ids = prefix -> prefix + "_" + sequence.incrementAndGet();

    static TestDatabase database;
    static Store store;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        database = TestDatabase.create(backend);
        store = Stores.open(database.config(), clock, ids);
    }

    @AfterParameterizedClassInvocation
    static void closeStore() {
        try {
            store.close();
        } finally {
            database.close();
        }
    }

    @BeforeEach
    void startEmpty() {
        database.truncate();
        clock.set(START);
    }

    static Tenants.Tenant tenant(String name) {
        return store.tenants().create(name, clock.instant());
    }

    static Tenants.Tenant tenant(String name, int maxConcurrentRuns) {
        var tenant = tenant(name);
        return store.tenants().updateLimits(tenant.id(), new Tenants.TenantLimits(maxConcurrentRuns, 20, 40))
                .orElseThrow();
    }

    /** A run of the tenant's user, created now; the clock then moves on a millisecond, so runs are ordered. */
    static NewRun newRun(String tenantId, String userId, Optional<String> conversationId) {
        var run = new NewRun(ids.next("run"), tenantId, userId, conversationId, "What is 2 + 2?", RunLimits.DEFAULTS,
                Optional.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), clock.instant());
        clock.advance(Duration.ofMillis(1));
        return run;
    }

    static RunRecord accept(String tenantId, String userId) {
        return accept(newRun(tenantId, userId, Optional.empty()));
    }

    static RunRecord accept(NewRun run) {
        var admission = store.runs().accept(run, Optional.empty(), OnBusy.ENQUEUE, StoreTest::respond);
        return ((Admission.Accepted) admission).run();
    }

    static StoredResponse respond(RunRecord run) {
        return new StoredResponse(202, "application/json", "{\"id\":\"" + run.id() + "\",\"status\":\"queued\"}");
    }

    static Claim claim(String worker) {
        return store.queue().claim(worker, clock.instant(), LEASE).orElseThrow(() -> new AssertionError(
                "nothing was claimable"));
    }

    static Optional<Claim> tryClaim(String worker) {
        return store.queue().claim(worker, clock.instant(), LEASE);
    }

    static RunRecord run(String tenantId, String runId) {
        return store.runs().find(tenantId, runId).orElseThrow();
    }
}
