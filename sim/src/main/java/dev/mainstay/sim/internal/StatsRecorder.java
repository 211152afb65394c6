package dev.mainstay.sim.internal;

import dev.mainstay.sim.Outcome;
import dev.mainstay.sim.SimulatorStats;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests, outcomes and models. Thread-safe; a snapshot is consistent per counter, not across counters. */
public final class StatsRecorder {
    private final LongAdder requests = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> models = new ConcurrentHashMap<>();
    private final AtomicInteger hanging = new AtomicInteger();

    public void received() {
        requests.increment();
    }

    public void outcome(Outcome outcome) {
        outcomes.computeIfAbsent(outcome.key(), k -> new LongAdder()).increment();
    }

    public void model(String model) {
        models.computeIfAbsent(model, k -> new LongAdder()).increment();
    }

    public void hangStarted() {
        hanging.incrementAndGet();
    }

    public void hangEnded() {
        hanging.decrementAndGet();
    }

    /** Requests held by a hang right now; not reset by {@link #reset()}. */
    public int hanging() {
        return hanging.get();
    }

    public SimulatorStats snapshot() {
        var byOutcome = new HashMap<String, Long>();
        outcomes.forEach((key, count) -> byOutcome.put(key, count.sum()));
        var byModel = new HashMap<String, Long>();
        models.forEach((key, count) -> byModel.put(key, count.sum()));
        return new SimulatorStats(requests.sum(), byOutcome, byModel);
    }

    public void reset() {
        requests.reset();
        outcomes.clear();
        models.clear();
    }
}
