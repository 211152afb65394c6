package dev.mainstay.server.internal.worker;

import dev.mainstay.store.RunQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the leases of every run executing on this node, every renew interval, in one round trip, on a dedicated
 * platform thread: agent work runs on virtual threads and cannot starve it. A renewal also brings the cancellations
 * asked for on any node (the execution is cancelled) and the leases this node lost (the execution is given up). When
 * renewals fail, an execution whose lease has run out by this node's clock is given up too: another worker may
 * have claimed it, and the journal would refuse its writes anyway.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final RunQueue queue;
    private final Executions executions;
    private final String worker;
    private final Duration lease;
    private final Duration interval;
    private final InstantSource clock;
    private final ScheduledExecutorService thread;
    private volatile boolean failing;

    LeaseKeeper(RunQueue queue, Executions executions, String worker, Duration lease, Duration interval,
            InstantSource clock) {
        this.queue = queue;
        this.executions = executions;
        this.worker = worker;
        this.lease = lease;
        this.interval = interval;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = Thread.ofPlatform().name("mainstay-lease-keeper").daemon(true).unstarted(r);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::renewOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void renewOnce() {
        var held = executions.live();
        if (held.isEmpty()) {
            return;
        }
        var now = clock.instant();
        try {
            var renewal = queue.renew(worker, held.stream().map(RunExecution::fence).toList(), now, lease);
            for (var execution : held) {
                if (renewal.lost().contains(execution.fence())) {
                    log.info("run {} lost its lease (epoch {}): another worker has it", execution.runId(),
                            execution.fence().epoch());
                    execution.giveUp();
                } else {
                    execution.leaseRenewedUntil(now.plus(lease));
                }
            }
            renewal.cancelRequested().forEach(executions::cancel);
            if (failing) {
                log.info("lease renewals work again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("lease renewal failed; runs whose lease runs out will be given up: {}", e.toString());
                failing = true;
            }
            for (var execution : held) {
                if (!now.isBefore(execution.leaseExpiresAt())) {
                    execution.giveUp();
                }
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
