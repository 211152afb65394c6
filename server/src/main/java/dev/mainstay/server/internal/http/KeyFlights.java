package dev.mainstay.server.internal.http;

import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One node's share of idempotency. Of the requests with one tenant's {@code Idempotency-Key} that reach this node
 * at once, one — the {@link Lead} — asks the store, and the others wait for its answer (a request that goes on
 * after its answer is kept, waiting for its run, makes them 409 at once instead); an answer given here is
 * then replayed from memory for {@link #REMEMBER} (up to {@link #MAX_REMEMBERED} answers of at most
 * {@link #MAX_REMEMBERED_BODY} each: 32 MiB at worst). The store stays the authority: across nodes, for a key this node
 * has not answered, and for every first request. This only spares it the duplicates of a burst, which otherwise
 * each take a connection to learn what the first one already knows.
 *
 * <p>Safe because a kept answer never changes: the store keeps it for at least a day (the idempotency retention)
 * and replays it as it was; this node forgets it long before. Thread-safe.
 */
final class KeyFlights {
    /** How long an answer is replayed from memory; far below the store's retention, which is at least a day. */
    static final Duration REMEMBER = Duration.ofMinutes(10);
    /** At most this many answers are remembered; past it the oldest are forgotten (the store still has them). */
    static final int MAX_REMEMBERED = 4_096;
    /**
     * A larger answer (a finished run with its steps, answering a {@code wait}) is not remembered: the waiting
     * duplicates get it, later ones ask the store. Bounds the memory to {@link #MAX_REMEMBERED} × this.
     */
    static final int MAX_REMEMBERED_BODY = 8 * 1024;

    private record Slot(String tenantId, String key) {}

    private record Answer(String requestHash, StoredResponse response, Instant until) {
        /** What a request with {@code key} gets from this answer: it, for the same request; else a refusal. */
        Turn turnFor(IdempotencyKey key) {
            return requestHash.equals(key.requestHash()) ? new Turn.Answered(response) : new Turn.OtherRequest();
        }
    }

    private final InstantSource clock;
    private final ConcurrentHashMap<Slot, Lead> leads = new ConcurrentHashMap<>();
    private final Map<Slot, Answer> answers = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Slot, Answer> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    KeyFlights(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a request with a key gets from this node before it may ask the store. */
    sealed interface Turn permits Turn.Answered, Turn.OtherRequest, Turn.StillRunning, Lead {
        /** The same request was answered: replay this. */
        record Answered(StoredResponse response) implements Turn {}

        /** The key was answered for another request (422). */
        record OtherRequest() implements Turn {}

        /** A request with the key is still being processed on this node past the wait (409). */
        record StillRunning() implements Turn {}
    }

    /**
     * The caller's turn for {@code key}: an answer this node gave (or learnt) for it, or the lead — this caller asks
     * the store — after waiting up to {@code wait} while another request with the key is processed here. A lead
     * that ends without an answer (nothing was kept for the key) lets the next waiting request lead.
     */
    Turn take(String tenantId, IdempotencyKey key, Duration wait) throws InterruptedException {
        var slot = new Slot(tenantId, key.key());
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            var known = remembered(slot);
            if (known != null) {
                return known.turnFor(key);
            }
            var mine = new Lead(slot, key.requestHash());
            var held = leads.putIfAbsent(slot, mine);
            if (held == null) {
                return mine;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !held.decided.await(left, TimeUnit.NANOSECONDS) || held.goesOn && held.given == null) {
                return new Turn.StillRunning();
            }
            var given = held.given;
            if (given != null) {
                return given.turnFor(key);
            }
        }
    }

    /** The answer this node remembers for the request, if any; never waits and never takes the key. */
    java.util.Optional<Turn> recall(String tenantId, IdempotencyKey key) {
        return java.util.Optional.ofNullable(remembered(new Slot(tenantId, key.key()))).map(known -> known.turnFor(key));
    }

    private Answer remembered(Slot slot) {
        synchronized (answers) {
            var known = answers.get(slot);
            if (known != null && !clock.instant().isBefore(known.until())) {
                answers.remove(slot);
                return null;
            }
            return known;
        }
    }

    /** This node's one request with the key in flight. {@link #close} always; {@link #answer} once it is known. */
    final class Lead implements Turn, AutoCloseable {
        private final Slot slot;
        private final String requestHash;
        /** Counted down when the lead answered, gave up, or {@link #goesOn went on}: waiting is over. */
        private final CountDownLatch decided = new CountDownLatch(1);
        private volatile boolean goesOn;
        private volatile boolean closed;
        /** The answer, for the requests that waited for it (a large one is not remembered for later ones). */
        private volatile Answer given;

        private Lead(Slot slot, String requestHash) {
            this.slot = slot;
            this.requestHash = requestHash;
        }

        /**
         * The store kept {@code response} for the key and this request: remembered, and the waiting requests get
         * it. Releases the key, so a caller that goes on (waiting for its run) does not hold the others.
         */
        void answer(StoredResponse response) {
            var answer = new Answer(requestHash, response, clock.instant().plus(REMEMBER));
            if (response.body().length() <= MAX_REMEMBERED_BODY) {
                synchronized (answers) {
                    answers.put(slot, answer);
                }
            }
            given = answer;
            close();
        }

        /**
         * The request was accepted and goes on — it waits for its run — holding its key: a duplicate is told at once
         * that the first is still being processed (409), as the store tells other nodes, rather than waiting for it.
         */
        void goesOn() {
            goesOn = true;
            decided.countDown();
        }

        /** Releases the key; idempotent. Without an answer, the next waiting request asks the store itself. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                leads.remove(slot, this);
                decided.countDown();
            }
        }
    }
}
