package dev.mainstay.server.internal.worker;

import dev.mainstay.store.Claim;
import dev.mainstay.store.RunQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims runs while this node has capacity — several at once when it has several free slots — and starts each on
 * its own virtual thread. When nothing is claimable it
 * waits on the store's work signal — woken after a commit that made a run claimable, on this node or (PostgreSQL)
 * any — or for the poll interval, which is also how runs whose lease expired are found.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** The most runs claimed in one go (one transaction) when the node has that many free slots. */
    static final int MAX_BATCH = 16;

    private final RunQueue queue;
    private final RunExecutor executor;
    private final String worker;
    private final Duration lease;
    private final Duration poll;
    private final InstantSource clock;
    private final Semaphore capacity;
    private volatile boolean stopping;
    private Thread thread;

    Dispatcher(RunQueue queue, RunExecutor executor, String worker, int capacity, Duration lease, Duration poll,
            InstantSource clock) {
        this.queue = queue;
        this.executor = executor;
        this.worker = worker;
        this.lease = lease;
        this.poll = poll;
        this.clock = clock;
        this.capacity = new Semaphore(capacity);
    }

    void start() {
        thread = Thread.ofVirtual().name("mainstay-dispatcher").start(this::loop);
    }

    /** Stops claiming; returns once no claim is in progress. Runs already started go on. */
    void stop() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            queue.notifyWork(); // wakes the wait; a claim in progress is not interrupted (its connection would be)
            thread.join(poll.plus(Duration.ofSeconds(10)));
        }
    }

    private void loop() {
        var signal = queue.workSignal();
        boolean failing = false;
        while (!stopping) {
            try {
                if (!capacity.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int slots = 1;
                while (slots < MAX_BATCH && capacity.tryAcquire()) {
                    slots++;
                }
                List<Claim> claims;
                try {
                    claims = queue.claim(worker, clock.instant(), lease, slots);
                    failing = false;
                } catch (RuntimeException e) {
                    capacity.release(slots);
                    if (!failing) {
                        log.warn("claiming runs failed; retrying every {} ms: {}", poll.toMillis(), e.toString());
                        failing = true;
                    }
                    signal.await(poll);
                    continue;
                }
                capacity.release(slots - claims.size());
                if (stopping) {
                    claims.forEach(c -> queue.release(c.fence(), clock.instant()));
                    capacity.release(claims.size());
                    return;
                }
                claims.forEach(this::startRun);
                if (claims.isEmpty()) {
                    signal.await(poll);
                }
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("the dispatcher failed; it goes on", e);
            }
        }
    }

    private void startRun(Claim claim) {
        Thread.ofVirtual().name("run-" + claim.run().id()).start(() -> {
            try {
                executor.execute(claim);
            } finally {
                capacity.release();
            }
        });
    }
}
