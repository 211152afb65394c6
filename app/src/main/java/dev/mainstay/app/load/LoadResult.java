package dev.mainstay.app.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a load test measured. Latencies are in milliseconds: end to end from sending the POST until the finished run
 * was read; queue-to-start from the run's {@code created_at} to its {@code started_at} (the service's clock).
 *
 * @param finished runs that reached a final status, by status ({@code succeeded}, {@code failed}, ...)
 * @param refused POSTs answered with an error, by HTTP status (0: no answer at all)
 * @param unfinished runs accepted but not seen finished when the test ended
 * @param runsPerSecond finished runs divided by the wall time from the first POST to the last finish
 * @param heapPerRunBytes the live heap (after a GC) above the idle baseline, divided by the runs in flight at that
 *     moment; measured only when the tool started the server in its own process, and it includes the tool's side
 *     of each request
 * @param cpuMillisPerRun this process's CPU time during the test divided by the runs finished; in process only, and
 *     then it counts the server, the built-in simulator and the tool together — on a machine whose other processes
 *     take CPU too this is the steadier figure
 */
public record LoadResult(int runs, int concurrency, Duration wall, Map<String, Integer> finished,
        Map<Integer, Integer> refused, int unfinished, double runsPerSecond, Latencies endToEnd,
        Latencies queueToStart, int peakInFlight, Optional<Long> heapPerRunBytes, Optional<Long> liveHeapBytes,
        Optional<Double> cpuMillisPerRun) {
    public LoadResult {
        finished = new TreeMap<>(finished);
        refused = new TreeMap<>(refused);
    }

    /** p50, p99 and max of a sample, in milliseconds; zero for an empty sample. */
    public record Latencies(double p50, double p99, double max, int count) {
        static Latencies of(long[] nanos) {
            if (nanos.length == 0) {
                return new Latencies(0, 0, 0, 0);
            }
            var sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            return new Latencies(ms(rank(sorted, 0.50)), ms(rank(sorted, 0.99)), ms(sorted[sorted.length - 1]),
                    sorted.length);
        }

        private static long rank(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 10_000.0) / 100.0;
        }

        ObjectNode toJson() {
            return Json.object().put("p50_ms", p50).put("p99_ms", p99).put("max_ms", max).put("count", count);
        }
    }

    public int succeeded() {
        return finished.getOrDefault("succeeded", 0);
    }

    public ObjectNode toJson() {
        var node = Json.object();
        node.put("runs", runs).put("concurrency", concurrency).put("wall_seconds", wall.toMillis() / 1000.0);
        node.put("runs_per_second", Math.round(runsPerSecond * 10) / 10.0);
        var byStatus = node.putObject("finished");
        finished.forEach(byStatus::put);
        var refusedNode = node.putObject("refused");
        refused.forEach((status, count) -> refusedNode.put(String.valueOf(status), count));
        node.put("unfinished", unfinished);
        node.set("end_to_end", endToEnd.toJson());
        node.set("queue_to_start", queueToStart.toJson());
        node.put("peak_in_flight", peakInFlight);
        heapPerRunBytes.ifPresentOrElse(b -> node.put("heap_per_run_bytes", b), () -> node.putNull("heap_per_run_bytes"));
        liveHeapBytes.ifPresentOrElse(b -> node.put("live_heap_bytes", b), () -> node.putNull("live_heap_bytes"));
        cpuMillisPerRun.ifPresentOrElse(c -> node.put("cpu_ms_per_run", Math.round(c * 100) / 100.0),
                () -> node.putNull("cpu_ms_per_run"));
        return node;
    }

    public String toText() {
        var out = new StringBuilder();
        out.append(String.format(java.util.Locale.ROOT, "runs           %d at concurrency %d in %.1f s%n", runs,
                concurrency, wall.toMillis() / 1000.0));
        out.append(String.format(java.util.Locale.ROOT, "throughput     %.1f runs/s%n", runsPerSecond));
        out.append("finished       ").append(finished.isEmpty() ? "none" : finished).append('\n');
        if (!refused.isEmpty()) {
            out.append("refused        ").append(refused).append(" (by HTTP status)\n");
        }
        if (unfinished > 0) {
            out.append("unfinished     ").append(unfinished).append('\n');
        }
        out.append(String.format(java.util.Locale.ROOT, "end to end     p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                endToEnd.p50(), endToEnd.p99(), endToEnd.max()));
        out.append(String.format(java.util.Locale.ROOT, "queue-to-start p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                queueToStart.p50(), queueToStart.p99(), queueToStart.max()));
        out.append("in flight      peak ").append(peakInFlight).append('\n');
        cpuMillisPerRun.ifPresent(c -> out.append(String.format(java.util.Locale.ROOT,
                "cpu            %.2f ms per run (server, simulator and this tool)%n", c)));
        heapPerRunBytes.ifPresent(b -> out.append(String.format(java.util.Locale.ROOT,
                "heap           %.1f KiB per run in flight (live heap %.1f MiB)%n", b / 1024.0,
                liveHeapBytes.orElse(0L) / (1024.0 * 1024.0))));
        return out.toString();
    }
}
