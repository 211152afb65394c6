package dev.mainstay.chaos;

import dev.mainstay.chaos.ChaosProfile.Outage;
import dev.mainstay.chaos.ReliabilityRecorder.Transition;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.reliability.EndpointFigures;
import dev.mainstay.reliability.ReliabilityStack;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import dev.mainstay.time.Sleeper;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Drives a fault window and measures it: switches the targeted models' faults on and off on the simulator, takes
 * every endpoint's figures and budget at both edges, notes when the measured endpoint is first known to be
 * rate-limited, and, while its breaker is open, probes the rejection path by calling its own pipeline and timing
 * the {@code circuit_open} refusal. Probes stop well before the breaker would half-open, so that a probe does not
 * become a real call. One instance per chaos run; {@link #run()} blocks its (virtual) thread until the window is
 * over or the thread is interrupted.
 */
final class OutageMonitor {
    /** How often the window is looked at (breaker state, rate limit). */
    static final Duration PROBE_EVERY = Duration.ofMillis(10);
    /** No probe this close to the end of the breaker's open period: it could be the call that half-opens it. */
    static final Duration PROBE_MARGIN = Duration.ofSeconds(1);

    private final Outage outage;
    private final Simulator sim;
    private final FaultProfile steady;
    private final Set<String> targetModels;
    private final String model;
    private final String endpoint;
    private final ModelChain endpointChain;
    private final ReliabilityStack stack;
    private final Duration openDuration;
    private final ReliabilityRecorder recorder;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final List<Long> rejectionNanos = new ArrayList<>();
    private volatile int probes;
    private volatile Edge start;
    private volatile Edge end;
    private volatile Duration firstLimitedAt;
    private volatile long requestsWhenLimited;

    /** The counts at one edge of the window. */
    private record Edge(Duration at, long modelRequests, Map<String, EndpointFigures> figures,
            Map<String, Double> budgetHeld) {}

    /**
     * @param targetModels the models the window's faults apply to (empty: every model)
     * @param model the measured endpoint's model, as the simulator counts it
     * @param endpointChain the measured endpoint's own links, without the fallback
     */
    OutageMonitor(Outage outage, Simulator sim, FaultProfile steady, Set<String> targetModels, String model,
            String endpoint, ModelChain endpointChain, ReliabilityStack stack, Duration openDuration,
            ReliabilityRecorder recorder, Sleeper sleeper, InstantSource clock, LongSupplier nanoTime) {
        this.outage = outage;
        this.sim = sim;
        this.steady = steady;
        this.targetModels = Set.copyOf(targetModels);
        this.model = model;
        this.endpoint = endpoint;
        this.endpointChain = endpointChain;
        this.stack = stack;
        this.openDuration = openDuration;
        this.recorder = recorder;
        this.sleeper = sleeper;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    void run() {
        try {
            sleepUntil(outage.startAfter());
            sim.setFaults(outage.faults().forModels(targetModels));
            start = edge();
            while (recorder.sinceStart().compareTo(outage.endsAfter()) < 0) {
                noteRateLimit();
                probeIfOpen();
                sleeper.sleep(PROBE_EVERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (start != null) {
                sim.setFaults(steady);
                end = edge();
            }
        }
    }

    private void sleepUntil(Duration offset) throws InterruptedException {
        var wait = offset.minus(recorder.sinceStart());
        sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
    }

    private Edge edge() {
        var held = new LinkedHashMap<String, Double>();
        stack.retry().budgets().forEach((name, budget) -> held.put(name, budget.balance() + budget.reserve()));
        return new Edge(recorder.sinceStart(), sim.stats().countForModel(model), stack.figures(), held);
    }

    private void noteRateLimit() {
        if (firstLimitedAt == null && stack.rateLimits().isLimited(endpoint)) {
            requestsWhenLimited = sim.stats().countForModel(model);
            firstLimitedAt = recorder.sinceStart();
        }
    }

    private void probeIfOpen() {
        if (stack.modelBreaker().state(endpoint) != BreakerState.OPEN) {
            return;
        }
        var opened = lastOpened();
        if (opened.isEmpty()
                || recorder.sinceStart().compareTo(opened.get().plus(openDuration).minus(PROBE_MARGIN)) > 0) {
            return;
        }
        var request = new ModelRequest(model, "", List.of(Message.user("chaos probe")), List.of(), 16, false, false);
        var context = new CallContext("chaos-probe", "chaos", "chaos", 1,
                Deadline.after(Duration.ofSeconds(5), clock), Cancellation.NEVER, StreamObserver.NONE);
        probes++;
        long began = nanoTime.getAsLong();
        try {
            if (endpointChain.call(request, context) instanceof ModelOutcome.Refused) {
                long took = nanoTime.getAsLong() - began;
                synchronized (rejectionNanos) {
                    rejectionNanos.add(took);
                }
            }
        } catch (ModelException leaked) {
            // the breaker let the probe through: it was not a rejection, and it is counted as not rejected
        }
    }

    private Optional<Duration> lastOpened() {
        Duration last = null;
        for (var t : recorder.transitionsOf(endpoint)) {
            if (t.to() == BreakerState.OPEN) {
                last = t.at();
            }
        }
        return Optional.ofNullable(last);
    }

    /** The window's figures; empty when it never started (the runs ended first). */
    Optional<OutageReport> report(long modelRequestsAtEnd) {
        var s = start;
        if (s == null) {
            return Optional.empty();
        }
        var e = end != null ? end : edge();
        var transitions = recorder.transitionsOf(endpoint);
        var opened = transitions.stream().filter(t -> t.to() == BreakerState.OPEN && t.from() == BreakerState.CLOSED)
                .map(Transition::at).filter(at -> at.compareTo(s.at()) >= 0).findFirst();
        var closed = transitions.stream().filter(t -> t.to() == BreakerState.CLOSED)
                .map(Transition::at).filter(at -> at.compareTo(e.at()) >= 0).findFirst();
        long whileOpen = requestsIn(transitions, BreakerState.OPEN, modelRequestsAtEnd);
        long whileHalfOpen = requestsIn(transitions, BreakerState.HALF_OPEN, modelRequestsAtEnd);
        double seconds = e.at().minus(s.at()).toMillis() / 1000.0;
        var figures = new LinkedHashMap<String, EndpointFigures>();
        var bounds = new LinkedHashMap<String, Double>();
        e.figures().forEach((name, atEnd) -> {
            var delta = atEnd.minus(s.figures().getOrDefault(name, EndpointFigures.ZERO));
            figures.put(name, delta);
            var config = stack.retry().budget(name).config();
            bounds.put(name, s.budgetHeld().getOrDefault(name, 0.0) + Math.max(config.ratio() * delta.firstAttempts(),
                    config.minRetriesPerSecond() * (Math.ceil(seconds) + 1)));
        });
        List<Long> samples;
        synchronized (rejectionNanos) {
            samples = List.copyOf(rejectionNanos);
        }
        var p = Percentiles.of(samples);
        var rejection = new OutageReport.Rejection(probes, samples.size(), p.at(50), p.at(99), p.max());
        boolean completed = e.at().compareTo(outage.endsAfter()) >= 0;
        var limitedAt = Optional.ofNullable(firstLimitedAt).filter(at -> at.compareTo(e.at()) <= 0);
        long afterLimited = limitedAt.isPresent() ? Math.max(0, e.modelRequests() - requestsWhenLimited) : 0;
        var retryAfter = outage.faults().rate429() > 0 ? Optional.of(outage.faults().retryAfter())
                : Optional.<Duration>empty();
        var measured = figures.getOrDefault(endpoint, EndpointFigures.ZERO);
        return Optional.of(new OutageReport(endpoint, s.at(), e.at(), completed, opened, closed,
                e.modelRequests() - s.modelRequests(), whileOpen, whileHalfOpen, measured.retries(),
                bounds.getOrDefault(endpoint, 0.0), rejection, figures, bounds, limitedAt, afterLimited, retryAfter));
    }

    /** Requests the model received while its breaker was in {@code state}, from the counts at each transition. */
    private static long requestsIn(List<Transition> transitions, BreakerState state, long atEnd) {
        long total = 0;
        for (int i = 0; i < transitions.size(); i++) {
            var t = transitions.get(i);
            if (t.to() != state) {
                continue;
            }
            long until = i + 1 < transitions.size() ? transitions.get(i + 1).primaryRequests() : atEnd;
            total += Math.max(0, until - t.primaryRequests());
        }
        return total;
    }
}
