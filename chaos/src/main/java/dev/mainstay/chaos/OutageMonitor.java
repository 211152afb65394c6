package dev.mainstay.chaos;

import dev.mainstay.chaos.ChaosProfile.Outage;
import dev.mainstay.chaos.ReliabilityRecorder.Transition;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.ModelCircuitBreakerInterceptor;
import dev.mainstay.reliability.retry.RetryBudget;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import dev.mainstay.time.Sleeper;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Drives an {@link Outage} and measures it: switches the primary model's faults on and off on the simulator, notes
 * the counts at both edges, and, while the primary's breaker is open, probes the rejection path by calling the
 * primary's own pipeline and timing how long the {@code circuit_open} refusal takes. Probes stop well before the
 * breaker would half-open, so that a probe does not become a real call. One instance per chaos run; {@link #run()}
 * blocks its (virtual) thread until the window is over or the thread is interrupted.
 */
final class OutageMonitor {
    /** How often the open breaker is probed. */
    static final Duration PROBE_EVERY = Duration.ofMillis(10);
    /** No probe this close to the end of the breaker's open period: it could be the call that half-opens it. */
    static final Duration PROBE_MARGIN = Duration.ofSeconds(1);

    private final Outage outage;
    private final Simulator sim;
    private final FaultProfile steady;
    private final String primary;
    private final ModelChain primaryChain;
    private final String endpoint;
    private final ModelCircuitBreakerInterceptor breaker;
    private final Duration openDuration;
    private final RetryBudget budget;
    private final ReliabilityRecorder recorder;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final List<Long> rejectionNanos = new ArrayList<>();
    private volatile int probes;
    private volatile Edge start;
    private volatile Edge end;

    /** The counts at one edge of the window. */
    private record Edge(Duration at, long primaryRequests, long primaryRetries, double budgetBalance) {}

    OutageMonitor(Outage outage, Simulator sim, FaultProfile steady, String primary, ModelChain primaryChain,
            String endpoint, ModelCircuitBreakerInterceptor breaker, Duration openDuration, RetryBudget budget,
            ReliabilityRecorder recorder, Sleeper sleeper, InstantSource clock, LongSupplier nanoTime) {
        this.outage = outage;
        this.sim = sim;
        this.steady = steady;
        this.primary = primary;
        this.primaryChain = primaryChain;
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.openDuration = openDuration;
        this.budget = budget;
        this.recorder = recorder;
        this.sleeper = sleeper;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    void run() {
        try {
            sleepUntil(outage.startAfter());
            sim.setFaults(outage.faults().forModels(Set.of(primary)));
            start = edge();
            while (recorder.sinceStart().compareTo(outage.endsAfter()) < 0) {
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
        return new Edge(recorder.sinceStart(), sim.stats().countForModel(primary), recorder.retries(endpoint),
                budget.balance());
    }

    private void probeIfOpen() {
        if (breaker.state(endpoint) != BreakerState.OPEN) {
            return;
        }
        var opened = lastOpened();
        if (opened.isEmpty()
                || recorder.sinceStart().compareTo(opened.get().plus(openDuration).minus(PROBE_MARGIN)) > 0) {
            return;
        }
        var request = new ModelRequest(primary, "", List.of(Message.user("chaos probe")), List.of(), 16, false, false);
        var context = new CallContext("chaos-probe", "chaos", "chaos", 1,
                Deadline.after(Duration.ofSeconds(5), clock), Cancellation.NEVER, StreamObserver.NONE);
        probes++;
        long began = nanoTime.getAsLong();
        try {
            if (primaryChain.call(request, context) instanceof ModelOutcome.Refused) {
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

    /** The outage's figures; empty when the window never started (the runs ended first). */
    Optional<OutageReport> report(long primaryRequestsAtEnd) {
        var s = start;
        if (s == null) {
            return Optional.empty();
        }
        var e = end != null ? end : new Edge(recorder.sinceStart(), primaryRequestsAtEnd,
                recorder.retries(endpoint), budget.balance());
        var transitions = recorder.transitionsOf(endpoint);
        var opened = transitions.stream().filter(t -> t.to() == BreakerState.OPEN && t.from() == BreakerState.CLOSED)
                .map(Transition::at).filter(at -> at.compareTo(s.at()) >= 0).findFirst();
        var closed = transitions.stream().filter(t -> t.to() == BreakerState.CLOSED)
                .map(Transition::at).filter(at -> at.compareTo(e.at()) >= 0).findFirst();
        long whileOpen = requestsIn(transitions, BreakerState.OPEN, primaryRequestsAtEnd);
        long whileHalfOpen = requestsIn(transitions, BreakerState.HALF_OPEN, primaryRequestsAtEnd);
        long inWindow = e.primaryRequests() - s.primaryRequests();
        long retries = e.primaryRetries() - s.primaryRetries();
        var config = budget.config();
        double seconds = e.at().minus(s.at()).toMillis() / 1000.0;
        double bound = s.budgetBalance() + config.ratio() * Math.max(0, inWindow - retries)
                + config.minRetriesPerSecond() * (Math.ceil(seconds) + 1);
        List<Long> samples;
        synchronized (rejectionNanos) {
            samples = List.copyOf(rejectionNanos);
        }
        var p = Percentiles.of(samples);
        var rejection = new OutageReport.Rejection(probes, samples.size(), p.at(50), p.at(99), p.max());
        boolean completed = e.at().compareTo(outage.endsAfter()) >= 0;
        return Optional.of(new OutageReport(s.at(), e.at(), completed, opened, closed, inWindow, whileOpen,
                whileHalfOpen, retries, bound, rejection));
    }

    /** Requests the primary received while its breaker was in {@code state}, from the counts at each transition. */
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
