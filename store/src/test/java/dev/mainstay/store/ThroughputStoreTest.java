package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.TextDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Measures (prints, asserts nothing about speed) what the store sustains: journal appends from several runs at once,
 * and whole run lifecycles — accept, claim, three journal entries, a batch of events, finish — from several workers.
 * The numbers are for the benchmark report; the timed targets live in bench/.
 */
@BothDatabases
class ThroughputStoreTest extends StoreTest {
    static final int WORKERS = 8;

    @Test
    @Timeout(120)
    void measuresConcurrentAppendsAndRunLifecycles() throws Exception {
        var acme = tenant("acme", 1_000);
        lifecycles(acme.id(), 40); // warm up
        int appendsEach = 100;
        var fences = new ArrayList<dev.mainstay.journal.Fence>();
        for (int i = 0; i < WORKERS; i++) {
            accept(acme.id(), "alice");
            fences.add(claim("w" + i).fence());
        }
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(WORKERS)) {
            var futures = new ArrayList<Future<?>>();
            for (var fence : fences) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        store.journal().append(fence, Entries.modelStep(i + 1));
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get(100, TimeUnit.SECONDS);
            }
        }
        report("journal appends, %d runs at once".formatted(WORKERS), WORKERS * appendsEach, start);

        int runs = 200;
        start = System.nanoTime();
        lifecycles(acme.id(), runs);
        report("run lifecycles (accept, claim, 3 entries, 6 events, finish), %d workers".formatted(WORKERS), runs,
                start);
        assertThat(database.count("SELECT COUNT(*) FROM runs WHERE status = 'succeeded'")).isEqualTo(runs + 40);

        for (int i = 0; i < 400; i++) {
            accept(acme.id(), "alice");
        }
        var claimed = new java.util.concurrent.atomic.AtomicInteger();
        start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(WORKERS)) {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < WORKERS; w++) {
                var worker = "batch" + w;
                futures.add(pool.submit(() -> {
                    List<Claim> batch;
                    do {
                        batch = store.queue().claim(worker, clock.instant(), LEASE, 10);
                        claimed.addAndGet(batch.size());
                    } while (!batch.isEmpty() || claimed.get() < 400);
                    return null;
                }));
            }
            for (var f : futures) {
                f.get(100, TimeUnit.SECONDS);
            }
        }
        report("claims in batches of up to 10, %d workers".formatted(WORKERS), claimed.get(), start);
        assertThat(claimed).hasValue(400);
    }

    private void lifecycles(String tenantId, int runs) throws Exception {
        try (var pool = Executors.newFixedThreadPool(WORKERS)) {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < runs; i++) {
                futures.add(pool.submit(() -> {
                    var run = accept(tenantId, "alice");
                    var claim = claimWaiting(Thread.currentThread().getName());
                    var id = claim.run().id();
                    store.journal().append(claim.fence(), Entries.opened(id));
                    store.journal().append(claim.fence(), Entries.modelStep(1));
                    var events = new ArrayList<dev.mainstay.event.RunEvent>();
                    events.add(new RunStarted(new EventMeta(id, tenantId, 1, clock.instant()), "alice", "ref", false));
                    for (int e = 2; e <= 6; e++) {
                        events.add(new TextDelta(new EventMeta(id, tenantId, e, clock.instant()), 1, 0, "text"));
                    }
                    store.events().appendAll(claim.fence(), events);
                    store.journal().append(claim.fence(), Entries.closed());
                    store.queue().finish(claim.fence(), QueueStoreTest.completed("4"));
                    return run;
                }));
            }
            for (var f : futures) {
                f.get(100, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * As a worker loop claims: on PostgreSQL a claim can find nothing while runs are queued — every run its snapshot
     * saw was taken by claimers that started later — and the accept's signal sends it back at once.
     */
    private static Claim claimWaiting(String worker) throws InterruptedException {
        var signal = store.queue().workSignal();
        for (int attempt = 0; attempt < 50; attempt++) {
            var claim = store.queue().claim(worker, clock.instant(), LEASE);
            if (claim.isPresent()) {
                return claim.get();
            }
            signal.await(Duration.ofMillis(100));
        }
        throw new AssertionError("nothing became claimable");
    }

    private void report(String what, int n, long startNanos) {
        var took = Duration.ofNanos(System.nanoTime() - startNanos);
        System.out.printf("[%s] %d %s in %d ms: %.0f/s%n", backend, n, what, took.toMillis(),
                n / (took.toNanos() / 1e9));
    }
}
