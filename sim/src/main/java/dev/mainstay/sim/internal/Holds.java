package dev.mainstay.sim.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Requests the simulator is deliberately not answering (hangs), and the pauses it takes (latency). Each waits on
 * its own latch on a virtual thread; {@link #releaseAll()} (on close) wakes every one at once and makes later waits
 * return immediately, so a closing simulator never waits for its own hangs or latency. Thread-safe.
 */
public final class Holds {
    private final Set<CountDownLatch> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean released;

    /** A hold that can be released early by whoever gets it (a client-gone listener). */
    public final class Hold implements AutoCloseable {
        private final CountDownLatch latch = new CountDownLatch(1);

        private Hold() {
            waiting.add(latch);
            if (released) {
                latch.countDown();
            }
        }

        public void release() {
            latch.countDown();
        }

        /** Waits until released, the simulator closes, or {@code max} elapses; true if released early. */
        public boolean await(Duration max) throws InterruptedException {
            return latch.await(max.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            waiting.remove(latch);
        }
    }

    public Hold open() {
        return new Hold();
    }

    /** A pause that ends early when the simulator closes. */
    public void pause(Duration duration) throws InterruptedException {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try (var hold = open()) {
            hold.await(duration);
        }
    }

    public boolean isReleased() {
        return released;
    }

    /** Wakes every hold and pause, now and from now on. */
    public void releaseAll() {
        released = true;
        waiting.forEach(CountDownLatch::countDown);
    }
}
