package dev.mainstay.server;

import dev.mainstay.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the store keeps only for a while: the events of runs finished longer ago than the event retention
 * ({@code MAINSTAY_EVENT_RETENTION}, 24 h), and idempotency keys older than theirs ({@code
 * MAINSTAY_IDEMPOTENCY_RETENTION}, 24 h). Every node tries every {@link #EVERY}; one node at a time does it (the
 * store's {@link Store#exclusively}), the others skip that round — and were two to run, they would delete nothing
 * twice.
 *
 * <p>Every {@link #BUDGET_SWEEP_EVERY} it also ends the budget reservations that lapsed (their node died before
 * settling them: {@link dev.mainstay.cost.Budgets#expire}), charging each at its worst case — the dead node may
 * have been billed — so no live reservation outlives its expiry by more than a sweep. Ending is conditional per
 * reservation, so two nodes sweeping at once end each one once.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofHours(1);
    static final String TASK = "mainstay-housekeeping";
    static final Duration BUDGET_SWEEP_EVERY = Duration.ofSeconds(30);
    static final String BUDGET_TASK = "mainstay-budget-sweep";

    private final Store store;
    private final Duration eventRetention;
    private final Duration keyRetention;
    private final InstantSource clock;
    private final Thread thread;

    Housekeeping(Store store, Duration eventRetention, Duration keyRetention, InstantSource clock) {
        this.store = store;
        this.eventRetention = eventRetention;
        this.keyRetention = keyRetention;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("mainstay-housekeeping").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try {
            var nextPurge = clock.instant().plus(FIRST);
            while (true) {
                Thread.sleep(BUDGET_SWEEP_EVERY);
                sweepBudgets();
                if (!clock.instant().isBefore(nextPurge)) {
                    purge();
                    nextPurge = clock.instant().plus(EVERY);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** One round; returns whether this node did it (false: another node was doing it). */
    boolean purge() {
        var now = clock.instant();
        try {
            return store.exclusively(TASK, () -> {
                int events = store.events().purgeFinishedBefore(now.minus(eventRetention));
                int keys = store.idempotency().purgeBefore(now.minus(keyRetention));
                if (events + keys > 0) {
                    log.info("housekeeping deleted {} events of old runs and {} expired idempotency keys", events,
                            keys);
                }
            });
        } catch (RuntimeException e) {
            log.warn("housekeeping failed; it tries again in {}: {}", EVERY, e.toString());
            return false;
        }
    }

    /** Ends lapsed budget reservations; returns how many (0 when another node was sweeping). */
    int sweepBudgets() {
        var now = clock.instant();
        var released = new int[1];
        try {
            store.exclusively(BUDGET_TASK, () -> released[0] = store.budgets().expire(now));
            if (released[0] > 0) {
                log.info("housekeeping ended {} budget reservations that lapsed (their node stopped before "
                        + "settling them), charging their worst case", released[0]);
            }
        } catch (RuntimeException e) {
            log.warn("budget sweep failed; it tries again in {}: {}", BUDGET_SWEEP_EVERY, e.toString());
        }
        return released[0];
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
