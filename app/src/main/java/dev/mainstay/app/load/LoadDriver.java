package dev.mainstay.app.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives one {@link LoadPlan}: each run is one {@code POST /v1/runs} with {@code wait}, and when that answers before
 * the run finished, {@code GET /v1/runs/{id}} until it has (after 50 ms, backing off to once a second; a 429 or 503 on
 * a poll is the service pushing back, and the run is looked at again). Runs start on virtual threads, at most the
 * plan's concurrency at once, paced by its rate. Everything is bounded by the plan's timeout; the driver stops by
 * itself. Not reusable: one driver, one {@link #run}.
 *
 * <p>When the server runs in this process, a {@link ServerSide} lets the driver measure the heap per run in flight:
 * once, when half the runs were submitted and the node runs at least half the concurrency, it forces a GC and divides
 * the live heap above the idle baseline by the runs in flight.
 */
public final class LoadDriver {
    static final Duration POLL = Duration.ofMillis(50);
    /** The longest between two looks at a run that outlived its POST's wait: polls back off from {@link #POLL}. */
    static final Duration MAX_POLL = Duration.ofSeconds(1);
    /** How long the heap measurement waits for the node to have runs in flight. */
    static final Duration HEAP_WAIT = Duration.ofMinutes(1);

    /** The server, when it runs in this process. */
    public interface ServerSide {
        int runsInFlight();
    }

    private final LoadPlan plan;
    private final Optional<ServerSide> server;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Long> endToEnd = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> queueToStart = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicBoolean heapMeasured = new AtomicBoolean();
    private volatile long heapPerRun = -1;
    private volatile long liveHeap = -1;
    private volatile long lastFinish;

    public LoadDriver(LoadPlan plan, Optional<ServerSide> server) {
        this.plan = plan;
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** Runs the plan; returns what was measured. */
    public LoadResult run() throws InterruptedException {
        long baseline = server.isPresent() ? liveHeapAfterGc() : 0;
        long cpuBefore = processCpuNanos();
        var slots = new Semaphore(plan.concurrency());
        long start = System.nanoTime();
        long deadline = start + plan.timeout().toNanos();
        lastFinish = start;
        int submitted = 0;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < plan.runs(); i++) {
                if (plan.ratePerSecond() > 0) {
                    long due = start + (long) (i * 1e9 / plan.ratePerSecond());
                    long now = System.nanoTime();
                    if (due > now) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(due - now, Math.max(0, deadline - now)));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
                var input = plan.inputs().get(i % plan.inputs().size());
                threads.submit(() -> {
                    try {
                        one(input, deadline);
                    } finally {
                        slots.release();
                    }
                });
                submitted++;
                if (submitted == plan.runs() / 2 && server.isPresent()) {
                    threads.submit(() -> {
                        measureHeap(baseline, deadline);
                        return null;
                    });
                }
            }
            threads.shutdown();
            long left = deadline - System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            if (!threads.awaitTermination(Math.max(1, left), TimeUnit.NANOSECONDS)) {
                threads.shutdownNow();
            }
        } finally {
            http.shutdownNow();
        }
        long cpu = processCpuNanos() - cpuBefore;
        unfinished.addAndGet(plan.runs() - submitted);
        var wall = Duration.ofNanos(Math.max(1, lastFinish - start));
        int done = finished.values().stream().mapToInt(AtomicInteger::get).sum();
        var finishedCounts = new java.util.TreeMap<String, Integer>();
        finished.forEach((k, v) -> finishedCounts.put(k, v.get()));
        var refusedCounts = new java.util.TreeMap<Integer, Integer>();
        refused.forEach((k, v) -> refusedCounts.put(k, v.get()));
        return new LoadResult(plan.runs(), plan.concurrency(), wall, finishedCounts, refusedCounts, unfinished.get(),
                done / (wall.toNanos() / 1e9), LoadResult.Latencies.of(toArray(endToEnd)),
                LoadResult.Latencies.of(toArray(queueToStart)), peak.get(),
                heapPerRun >= 0 ? Optional.of(heapPerRun) : Optional.empty(),
                liveHeap >= 0 ? Optional.of(liveHeap) : Optional.empty(),
                server.isPresent() && done > 0 && cpuBefore >= 0 ? Optional.of(cpu / 1e6 / done) : Optional.empty());
    }

    private void one(String input, long deadline) {
        long sent = System.nanoTime();
        long waitSeconds = Math.min(plan.holdFor().toSeconds(), Math.max(0, (deadline - sent) / 1_000_000_000L));
        var body = Json.object().put("input", input).put("wait", waitSeconds);
        var request = HttpRequest.newBuilder(plan.baseUrl().resolve("/v1/runs"))
                .header("Authorization", "Bearer " + plan.key()).header("Content-Type", "application/json")
                .timeout(Duration.ofNanos(Math.max(1, deadline - sent)).plusSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 202) {
                count(refused, response.statusCode());
                return;
            }
            var run = Json.parse(response.body());
            var poll = POLL;
            while (!isFinished(run)) {
                if (System.nanoTime() > deadline) {
                    unfinished.incrementAndGet();
                    return;
                }
                Thread.sleep(poll);
                poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
                var get = HttpRequest.newBuilder(plan.baseUrl().resolve("/v1/runs/" + run.path("id").asText()))
                        .header("Authorization", "Bearer " + plan.key()).timeout(Duration.ofSeconds(30)).GET().build();
                var again = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (again.statusCode() == 200) {
                    run = Json.parse(again.body());
                } else if (again.statusCode() != 429 && again.statusCode() != 503) {
                    // 429 and 503 are the service pushing back on this poll, not on the run: look again later
                    count(refused, again.statusCode());
                    return;
                }
            }
            long now = System.nanoTime();
            endToEnd.add(now - sent);
            lastFinish = Math.max(lastFinish, now);
            finished.computeIfAbsent(run.path("status").asText(), s -> new AtomicInteger()).incrementAndGet();
            var created = run.path("created_at");
            var started = run.path("started_at");
            if (created.isTextual() && started.isTextual()) {
                queueToStart.add(Duration.between(Instant.parse(created.asText()), Instant.parse(started.asText()))
                        .toNanos());
            }
        } catch (IOException | RuntimeException e) {
            count(refused, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unfinished.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static boolean isFinished(JsonNode run) {
        return switch (run.path("status").asText()) {
            case "queued", "running", "awaiting_approval" -> false;
            default -> true;
        };
    }

    /**
     * Measures once, when the node runs at least half of the runs that can be in flight: at half the runs submitted
     * the node may not have started many of them yet (a burst of POSTs at the concurrency), and the live heap would
     * be divided by too few. Waits for that at most {@link #HEAP_WAIT}, checking every {@link #POLL}.
     */
    private void measureHeap(long baseline, long deadline) throws InterruptedException {
        if (!heapMeasured.compareAndSet(false, true)) {
            return;
        }
        var side = server.orElseThrow();
        int enough = Math.max(1, Math.min(plan.concurrency(), plan.runs()) / 2);
        long until = Math.min(deadline, System.nanoTime() + HEAP_WAIT.toNanos());
        // only while this driver has that many runs outstanding: else the node never will, and the wait would only
        // hold up the end of a fast run
        while (side.runsInFlight() < enough && inFlight.get() >= enough && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // a measuring tool's sampling, bounded above
        }
        int before = side.runsInFlight();
        long live = liveHeapAfterGc();
        int after = side.runsInFlight();
        int runs = (before + after) / 2;
        liveHeap = live;
        if (runs > 0) {
            heapPerRun = Math.max(0, live - baseline) / runs;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long liveHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void count(Map<Integer, AtomicInteger> counts, int status) {
        counts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    private static long[] toArray(ConcurrentLinkedQueue<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The API's base URL for a port on this machine. */
    public static URI loopback(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
