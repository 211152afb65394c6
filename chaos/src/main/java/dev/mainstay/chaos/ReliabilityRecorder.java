package dev.mainstay.chaos;

import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.event.ReliabilityEvent;
import dev.mainstay.reliability.event.ReliabilityListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counts what the reliability policies did during a chaos run: breaker transitions (with when they happened and
 * how many requests the primary model had received by then), retries, exhausted budgets, fallbacks, rejections and
 * degraded tool calls. Thread-safe and non-blocking, as a {@link ReliabilityListener} must be.
 */
public final class ReliabilityRecorder implements ReliabilityListener {
    /** A breaker's state change, {@code at} after the recorder's start; {@code primaryRequests} -1 when unknown. */
    public record Transition(String name, BreakerState from, BreakerState to, Duration at, long primaryRequests) {
        public Transition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String toString() {
            return name + " " + from + "->" + to + " at " + at.toMillis() + "ms";
        }
    }

    private final InstantSource clock;
    private final AtomicReference<Instant> start;
    private final AtomicReference<LongSupplier> primaryRequests = new AtomicReference<>(() -> -1);
    private final ConcurrentLinkedQueue<Transition> transitions = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Duration> rateLimitWaits = new ConcurrentLinkedQueue<>();

    public ReliabilityRecorder(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = new AtomicReference<>(clock.instant());
    }

    /** Forgets everything recorded so far and measures offsets from now (after the warm-up, not the start-up). */
    public void restart() {
        transitions.clear();
        counts.clear();
        rateLimitWaits.clear();
        start.set(clock.instant());
    }

    /** Where to read how many requests the primary model has received, for each transition; must not block. */
    public void countPrimaryRequestsWith(LongSupplier supplier) {
        primaryRequests.set(Objects.requireNonNull(supplier, "supplier"));
    }

    @Override
    public void onEvent(ReliabilityEvent event) {
        switch (event) {
            case ReliabilityEvent.BreakerStateChanged e -> transitions.add(new Transition(e.name(), e.from(), e.to(),
                    sinceStart(), primaryRequests.get().getAsLong()));
            case ReliabilityEvent.RetryScheduled e -> {
                count("retry " + e.endpoint());
                count("retry " + e.endpoint() + " " + e.causeCode());
                if (e.causeCode().equals("rate_limit_error")) {
                    rateLimitWaits.add(e.delay());
                }
            }
            case ReliabilityEvent.RetryGaveUp e -> count("gave_up " + e.endpoint() + " " + e.reason());
            case ReliabilityEvent.RetryBudgetExhausted e ->
                    count("budget_exhausted " + e.endpoint() + " " + e.causeCode());
            case ReliabilityEvent.FallbackUsed e ->
                    count("fallback " + e.from() + " -> " + e.to() + " " + e.causeCode());
            case ReliabilityEvent.CallRejected e -> count("rejected " + e.policy() + " " + e.reason());
            case ReliabilityEvent.ToolDegraded e -> count("tool_degraded " + e.tool() + " " + e.reason());
            case ReliabilityEvent.ToolTimedOut e -> count("tool_timeout " + e.tool());
            case ReliabilityEvent.LimitChanged e -> count("limit_changed " + e.name());
        }
    }

    private void count(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Time since the recorder was made or {@link #restart() restarted}, on its clock. */
    public Duration sinceStart() {
        var elapsed = Duration.between(start.get(), clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    /** Every transition so far, in the order they happened. */
    public List<Transition> transitions() {
        var list = new ArrayList<>(transitions);
        list.sort(Comparator.comparing(Transition::at));
        return list;
    }

    /** Transitions of the breaker named {@code name}, in order. */
    public List<Transition> transitionsOf(String name) {
        return transitions().stream().filter(t -> t.name().equals(name)).toList();
    }

    /** The wait before every retry of a 429 (the server's hint plus jitter), in the order scheduled. */
    public List<Duration> rateLimitWaits() {
        return List.copyOf(rateLimitWaits);
    }

    /** Retries scheduled so far for {@code endpoint}. */
    public long retries(String endpoint) {
        return count("retry " + endpoint, counts);
    }

    private static long count(String key, Map<String, LongAdder> counts) {
        var adder = counts.get(key);
        return adder == null ? 0 : adder.sum();
    }

    /** Every count by key ({@code retry <endpoint>}, {@code fallback <from> -> <to>}, …), in key order. */
    public Map<String, Long> counts() {
        var snapshot = new TreeMap<String, Long>();
        counts.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        return snapshot;
    }
}
