package dev.mainstay.server.internal.observe;

import dev.mainstay.store.RunQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue as Prometheus sees it: {@code mainstay.queue.depth} (runs waiting), {@code mainstay.queue.oldest_age}
 * (seconds the oldest has waited, 0 when none) and {@code mainstay.runs.running}. Read from the store at most once
 * per {@link #MAX_AGE}, however often it is scraped; a store that does not answer leaves the gauges empty (NaN)
 * rather than failing the scrape. Every node reports the same queue: aggregate with {@code max}, not {@code sum}.
 */
public final class QueueGauges {
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final RunQueue queue;
    private final InstantSource clock;
    /** When the store was last read; the first scrape reads it (a start of MIN_VALUE would overflow the check). */
    private final AtomicLong readAt;
    private volatile double queued = Double.NaN;
    private volatile double oldest = Double.NaN;
    private volatile double running = Double.NaN;

    private QueueGauges(RunQueue queue, InstantSource clock) {
        this.queue = queue;
        this.clock = clock;
        this.readAt = new AtomicLong(clock.millis() - MAX_AGE.toMillis());
    }

    public static void register(MeterRegistry registry, RunQueue queue, InstantSource clock) {
        var gauges = new QueueGauges(queue, clock);
        Gauge.builder("mainstay.queue.depth", gauges, g -> g.sample().queued).description("runs waiting to be claimed")
                .strongReference(true).register(registry);
        Gauge.builder("mainstay.queue.oldest_age", gauges, g -> g.sample().oldest).baseUnit("seconds")
                .description("how long the oldest queued run has waited").strongReference(true).register(registry);
        Gauge.builder("mainstay.runs.running", gauges, g -> g.sample().running).description("runs leased by a worker")
                .strongReference(true).register(registry);
    }

    private QueueGauges sample() {
        long now = clock.millis();
        long last = readAt.get();
        if (now - last >= MAX_AGE.toMillis() && readAt.compareAndSet(last, now)) {
            try {
                var depth = queue.depth(clock.instant());
                queued = depth.queued();
                oldest = depth.oldestAge().map(a -> a.toMillis() / 1000.0).orElse(0.0);
                running = depth.running();
            } catch (RuntimeException e) {
                queued = oldest = running = Double.NaN;
            }
        }
        return this;
    }
}
