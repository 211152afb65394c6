package dev.mainstay.sim.internal;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Hands each valid {@code /v1/messages} request its own generator, split in arrival order from one seeded root:
 * the same seed and the same sequence of requests draw the same faults, jitter and ids. Thread-safe.
 */
public final class RequestRandoms {
    private final SplittableRandom root;

    public RequestRandoms(long seed) {
        this.root = new SplittableRandom(seed);
    }

    public synchronized RandomGenerator next() {
        return root.split();
    }
}
