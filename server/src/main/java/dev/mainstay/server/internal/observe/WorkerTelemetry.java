package dev.mainstay.server.internal.observe;

import dev.mainstay.store.Claim;
import dev.mainstay.telemetry.Traceparent;
import dev.mainstay.telemetry.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a worker records about the runs it claims: the run joins the trace it was submitted in (on whatever node),
 * a {@code queue_wait} span for its first claim, and the counters {@code mainstay.leases.recovered} (a claim that
 * took over a run whose worker's lease expired) and {@code mainstay.leases.lost} (this node lost a run's lease), and
 * {@code mainstay.runs.yielded} by {@code code} (this node gave a run back: it could not make its next model call).
 */
public final class WorkerTelemetry {
    private final Tracing tracing;
    private final Counter recovered;
    private final Counter lost;
    private final MeterRegistry registry;

    public WorkerTelemetry(Tracing tracing, MeterRegistry registry) {
        this.tracing = tracing;
        this.registry = registry;
        this.recovered = Counter.builder("mainstay.leases.recovered")
                .description("runs resumed after their worker's lease expired").register(registry);
        this.lost = Counter.builder("mainstay.leases.lost").description("leases this node lost while running")
                .register(registry);
    }

    public static WorkerTelemetry none() {
        return new WorkerTelemetry(Tracing.off(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** Runs {@code body} — the claimed run's execution — inside the run's trace. */
    public <T> T claimed(Claim claim, Instant now, Supplier<T> body) {
        var run = claim.run();
        var parent = run.traceparent().flatMap(Traceparent::parse);
        if (claim.resumes()) {
            recovered.increment();
        } else {
            tracing.queueWait(parent, run.id(), run.createdAt(), now, claim.fence().epoch());
        }
        return tracing.within(parent, body);
    }

    public void leaseLost() {
        lost.increment();
    }

    /** A run this node gave back to the queue: it could not make the run's next model call now ({@code code}). */
    public void yielded(String code) {
        Counter.builder("mainstay.runs.yielded").description("runs given back to the queue because this node could "
                + "not make their next model call now").tag("code", code).register(registry).increment();
    }

    public Optional<Tracing> tracing() {
        return Optional.of(tracing);
    }
}
