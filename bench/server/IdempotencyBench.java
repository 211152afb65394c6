import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Idempotency benchmark: N concurrent POST /v1/runs with one Idempotency-Key and one body against a running server
 * (loopback only) must create exactly one run, every answer carrying its id; then the same key with another body must
 * be answered 422. Runs with the JDK alone: java bench/server/IdempotencyBench.java URL KEY [N]
 */
public final class IdempotencyBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(run_[^\"]+)\"");

    public static void main(String[] args) throws Exception {
        var base = URI.create(args[0]);
        if (!java.net.InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        var key = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        var idem = "bench-" + System.nanoTime();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
        var statuses = new ConcurrentHashMap<Integer, Integer>();
        var ids = ConcurrentHashMap.<String>newKeySet();
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(n);
        long t0 = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                threads.submit(() -> {
                    try {
                        start.await();
                        var response = http.send(post(base, key, idem, "What is 17.5% of 2,340?"),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        var m = ID.matcher(response.body());
                        if (response.statusCode() == 202 && m.find()) {
                            ids.add(m.group(1));
                        }
                    } catch (Exception e) {
                        statuses.merge(0, 1, Integer::sum);
                    } finally {
                        done.countDown();
                    }
                    return null;
                });
            }
            start.countDown();
            done.await();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        var changed = http.send(post(base, key, idem, "What is 2 + 2?"), HttpResponse.BodyHandlers.ofString());
        Map<Integer, Integer> sorted = new TreeMap<>(statuses);
        boolean ok = ids.size() == 1 && java.util.Set.of(202, 409).containsAll(sorted.keySet()) && changed.statusCode() == 422;
        System.out.printf("{\"requests\":%d,\"wall_ms\":%d,\"statuses\":%s,\"distinct_run_ids\":%d,"
                + "\"changed_body_status\":%d,\"ok\":%b}%n", n, ms, json(sorted), ids.size(), changed.statusCode(), ok);
        System.exit(ok ? 0 : 1);
    }

    private static HttpRequest post(URI base, String key, String idem, String input) {
        return HttpRequest.newBuilder(base.resolve("/v1/runs")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Idempotency-Key", idem)
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + input + "\"}")).build();
    }

    private static String json(Map<Integer, Integer> counts) {
        var out = new StringBuilder("{");
        counts.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }
}
