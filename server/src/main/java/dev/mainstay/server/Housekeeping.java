package dev.mainstay.server;

import dev.mainstay.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the store keeps only for a while: the events of runs finished longer ago than the event retention,
 * and idempotency keys older than theirs. Every node does it now and then; doing it twice deletes nothing twice.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofHours(1);

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
            Thread.sleep(FIRST);
            while (true) {
                purge();
                Thread.sleep(EVERY);
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    void purge() {
        var now = clock.instant();
        try {
            int events = store.events().purgeFinishedBefore(now.minus(eventRetention));
            int keys = store.idempotency().purgeBefore(now.minus(keyRetention));
            if (events + keys > 0) {
                log.info("housekeeping deleted {} events of old runs and {} expired idempotency keys", events, keys);
            }
        } catch (RuntimeException e) {
            log.warn("housekeeping failed; it tries again in {}: {}", EVERY, e.toString());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
