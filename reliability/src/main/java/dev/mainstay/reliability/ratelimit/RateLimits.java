package dev.mainstay.reliability.ratelimit;

import dev.mainstay.reliability.internal.PerEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which endpoints are rate-limited, and until when: the state every call to an endpoint shares, so that a 429 one
 * call received tells every other call when to come back, instead of each discovering it with a request of its own.
 *
 * <p>A 429 with a reset hint ({@code retry-after-ms}, {@code retry-after}, {@code anthropic-ratelimit-*-reset})
 * marks its endpoint limited until {@code now + hint}; a later mark never shortens an earlier one. While limited, a
 * call that has somewhere else to go is told to {@link Admission.Skip skip} the endpoint, and one that has not is
 * told to {@link Admission.Wait wait} until the limit ends. Once the limit has passed, the first call with an
 * alternative is let through as the {@linkplain Admission.Go#probe() probe} and the others keep skipping until it
 * ends: at most one request per limit period goes to an endpoint in a rate-limit storm. An answer, or any failure
 * other than a 429, ends the limit. Calls without an alternative are not held back by the probe: they waited for
 * the hint already, each with its own jitter.
 *
 * <p>Thread-safe; one instance serves every endpoint. Time is read on the injected clock.
 */
public final class RateLimits {
    /** The policy name carried by refusals. */
    public static final String POLICY = "rate-limit";
    /** The refusal code of a skipped, rate-limited endpoint. */
    public static final String CODE = "rate_limited";

    /** What a call to an endpoint may do now. */
    public sealed interface Admission {
        /** Send the request; {@code probe} when it is the one request testing whether the limit is over. */
        record Go(boolean probe) implements Admission {}

        /** Do not send: go to another endpoint. The endpoint is limited until {@code until} (or a probe is out). */
        record Skip(Instant until, boolean probeInFlight) implements Admission {}

        /** Do not send yet: the endpoint is limited for {@code duration} more, until {@code until}. */
        record Wait(Duration duration, Instant until) implements Admission {}
    }

    private final InstantSource clock;
    private final PerEndpoint<State> states;

    /** @param endpoints the endpoints known at start-up; others get state on first use */
    public RateLimits(List<String> endpoints, InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.states = new PerEndpoint<>(endpoints, name -> new State());
    }

    /** What a call to {@code endpoint} may do now, given whether another endpoint could take it instead. */
    public Admission admit(String endpoint, boolean alternative) {
        var state = states.get(endpoint);
        var now = clock.instant();
        state.lock.lock();
        try {
            if (state.until == null) {
                return new Admission.Go(false);
            }
            if (now.isBefore(state.until)) {
                return alternative ? new Admission.Skip(state.until, false)
                        : new Admission.Wait(Duration.between(now, state.until), state.until);
            }
            if (!alternative) {
                return new Admission.Go(false);
            }
            if (state.probing) {
                return new Admission.Skip(state.until, true);
            }
            state.probing = true;
            state.probes.increment();
            return new Admission.Go(true);
        } finally {
            state.lock.unlock();
        }
    }

    /** {@code endpoint} answered 429 and asked to be left alone until {@code until}. */
    public void limit(String endpoint, Instant until) {
        var state = states.get(endpoint);
        state.lock.lock();
        try {
            if (state.until == null || until.isAfter(state.until)) {
                state.until = until;
            }
            state.marks.increment();
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * A request let through by {@link #admit} has ended. {@code rateLimited}: it got a 429 (whose hint was passed
     * to {@link #limit}); otherwise the endpoint answered in some other way and its limit, if any has passed, ends.
     */
    public void ended(String endpoint, boolean probe, boolean rateLimited) {
        var state = states.get(endpoint);
        var now = clock.instant();
        state.lock.lock();
        try {
            if (probe) {
                state.probing = false;
            }
            if (!rateLimited && state.until != null && !now.isBefore(state.until)) {
                state.until = null;
            }
        } finally {
            state.lock.unlock();
        }
    }

    /** A probe that was never sent (an inner policy refused it) gives its turn back. */
    public void released(String endpoint) {
        var state = states.get(endpoint);
        state.lock.lock();
        try {
            state.probing = false;
        } finally {
            state.lock.unlock();
        }
    }

    /** Until when {@code endpoint} is limited, if it is now. */
    public Optional<Instant> limitedUntil(String endpoint) {
        var state = states.find(endpoint);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        var now = clock.instant();
        state.get().lock.lock();
        try {
            var until = state.get().until;
            return until != null && now.isBefore(until) ? Optional.of(until) : Optional.empty();
        } finally {
            state.get().lock.unlock();
        }
    }

    /** Whether {@code endpoint} is limited now. */
    public boolean isLimited(String endpoint) {
        return limitedUntil(endpoint).isPresent();
    }

    /** Probes let through to {@code endpoint} since start-up. */
    public long probes(String endpoint) {
        return states.find(endpoint).map(s -> s.probes.sum()).orElse(0L);
    }

    /** 429s with a hint recorded for {@code endpoint} since start-up. */
    public long limitsRecorded(String endpoint) {
        return states.find(endpoint).map(s -> s.marks.sum()).orElse(0L);
    }

    /** One endpoint's limit. */
    private static final class State {
        final ReentrantLock lock = new ReentrantLock();
        final LongAdder probes = new LongAdder();
        final LongAdder marks = new LongAdder();
        Instant until;
        boolean probing;
    }
}
