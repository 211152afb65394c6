package dev.mainstay.bench.harness;

import java.net.URI;
import java.util.ArrayList;
import java.util.Objects;

/**
 * What one stack process measures, and against which server. Counts are runs, not seconds, so every stack does the
 * same work whatever its speed. Validated on construction, listing every problem at once.
 *
 * @param baseUrl the server without latency
 * @param slowBaseUrl the server with model latency, for the in-flight memory phase; {@code null} skips that phase
 * @param warmupRuns runs before measuring: this many at concurrency 1, a quarter of it streamed, and this many at
 *     {@code concurrency}
 * @param runs measured runs at concurrency 1, not streamed
 * @param streamRuns measured runs at concurrency 1, streamed
 * @param concurrency how many runs at once in the throughput phase
 * @param concurrentRuns measured runs in the throughput phase
 * @param heapConcurrency runs kept in flight in the memory phase
 * @param heapSamples how many times the memory phase measures the heap while they are in flight
 * @param settleBatches at most this many extra warm-up batches, until the JIT is quiet (0: none)
 */
public record Plan(
        URI baseUrl, URI slowBaseUrl, int warmupRuns, int runs, int streamRuns, int concurrency, int concurrentRuns,
        int heapConcurrency, int heapSamples, int settleBatches) {

    public Plan {
        Objects.requireNonNull(baseUrl, "baseUrl");
        var problems = new ArrayList<String>();
        if (warmupRuns < 0) {
            problems.add("warmupRuns must not be negative, but was " + warmupRuns);
        }
        if (runs < 1) {
            problems.add("runs must be at least 1, but was " + runs);
        }
        if (streamRuns < 0) {
            problems.add("streamRuns must not be negative, but was " + streamRuns);
        }
        if (concurrency < 1) {
            problems.add("concurrency must be at least 1, but was " + concurrency);
        }
        if (concurrentRuns < 0) {
            problems.add("concurrentRuns must not be negative, but was " + concurrentRuns);
        }
        if (slowBaseUrl != null && heapConcurrency < 1) {
            problems.add("heapConcurrency must be at least 1, but was " + heapConcurrency);
        }
        if (slowBaseUrl != null && heapSamples < 1) {
            problems.add("heapSamples must be at least 1, but was " + heapSamples);
        }
        if (settleBatches < 0) {
            problems.add("settleBatches must not be negative, but was " + settleBatches);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid plan: " + String.join("; ", problems));
        }
    }

    /** Reads a plan from the options the driver passes to a stack process. */
    public static Plan from(Args args) {
        var slow = args.string("slow-base-url", null);
        return new Plan(
                URI.create(args.required("base-url")),
                slow == null || slow.isBlank() ? null : URI.create(slow),
                args.integer("warmup-runs", 3000),
                args.integer("runs", 2000),
                args.integer("stream-runs", 1000),
                args.integer("concurrency", 32),
                args.integer("concurrent-runs", 6000),
                args.integer("heap-concurrency", 1000),
                args.integer("heap-samples", 3),
                args.integer("settle-batches", 20));
    }
}
