import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Stream-resume benchmark: submits RUNS runs, follows each one's events, and disconnects at random after 1-4 events,
 * RECONNECTS times in all, reconnecting with Last-Event-ID to a node picked at random from the URLs given. When each
 * run's stream ended, its events as followed must equal one uninterrupted read of the whole stream from another node:
 * every event exactly once, in order. Loopback only; JDK alone:
 *
 *   java bench/server/StreamResumeBench.java KEY RUNS RECONNECTS URL [URL...]
 */
public final class StreamResumeBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(run_[^\"]+)\"");
    private static final Duration LIMIT = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        var key = args[0];
        int runs = Integer.parseInt(args[1]);
        var budget = new Semaphore(Integer.parseInt(args[2]));
        var nodes = new ArrayList<URI>();
        for (int i = 3; i < args.length; i++) {
            var url = URI.create(args[i]);
            if (!java.net.InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("loopback only: " + url);
            }
            nodes.add(url);
        }
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
        var reconnects = new AtomicInteger();
        var complete = new AtomicInteger();
        var broken = new AtomicInteger();
        var events = new AtomicInteger();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long t0 = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < runs; r++) {
                var seed = r;
                var id = submit(http, nodes.get(r % nodes.size()), key, r);
                threads.submit(() -> {
                    var random = new Random(seed);
                    var followed = new ArrayList<String>();
                    long last = 0;
                    boolean ended = false;
                    while (!ended && System.nanoTime() < deadline) {
                        var node = nodes.get(random.nextInt(nodes.size()));
                        int cut = budget.tryAcquire() ? 1 + random.nextInt(4) : Integer.MAX_VALUE;
                        var read = read(http, node, key, id, last, cut);
                        followed.addAll(read.events());
                        if (!read.events().isEmpty()) {
                            last = seq(read.events().getLast());
                        }
                        ended = read.ended();
                        if (!ended) {
                            reconnects.incrementAndGet();
                        } else if (cut != Integer.MAX_VALUE) {
                            budget.release(); // the stream ended before the cut: the reconnect was not made
                        }
                    }
                    var whole = read(http, nodes.get((seed + 1) % nodes.size()), key, id, 0, Integer.MAX_VALUE);
                    events.addAndGet(followed.size());
                    if (ended && whole.ended() && followed.equals(whole.events()) && inOrder(followed)) {
                        complete.incrementAndGet();
                    } else {
                        broken.incrementAndGet();
                        System.err.println("run " + id + ": followed " + followed.size() + " events, whole stream "
                                + whole.events().size());
                    }
                    return null;
                });
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = broken.get() == 0 && complete.get() == runs;
        System.out.printf("{\"runs\":%d,\"nodes\":%d,\"reconnects\":%d,\"events\":%d,\"complete_streams\":%d,"
                + "\"broken_streams\":%d,\"wall_ms\":%d,\"ok\":%b}%n", runs, nodes.size(), reconnects.get(),
                events.get(), complete.get(), broken.get(), ms, ok);
        System.exit(ok ? 0 : 1);
    }

    private record Read(List<String> events, boolean ended) {}

    /** Reads events after {@code after}: at most {@code cut} of them, then disconnects; ended when the server closed. */
    private static Read read(HttpClient http, URI node, String key, String id, long after, int cut) {
        var request = HttpRequest.newBuilder(node.resolve("/v1/runs/" + id + "/events")).timeout(LIMIT)
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream")
                .header("Last-Event-ID", String.valueOf(after)).GET().build();
        var got = new ArrayList<String>();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                return new Read(got, false);
            }
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                var event = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (event.length() > 0 && event.toString().startsWith("id: ")) {
                            got.add(event.toString());
                            if (got.size() >= cut) {
                                return new Read(got, false);
                            }
                        }
                        event.setLength(0);
                    } else if (!line.startsWith(":") && !line.startsWith("retry:")) {
                        event.append(line).append('\n');
                    }
                }
            }
            return new Read(got, true);
        } catch (Exception e) {
            return new Read(got, false);
        }
    }

    private static long seq(String event) {
        return Long.parseLong(event.substring(4, event.indexOf('\n')));
    }

    private static boolean inOrder(List<String> events) {
        for (int i = 1; i < events.size(); i++) {
            if (seq(events.get(i)) != seq(events.get(i - 1)) + 1) {
                return false;
            }
        }
        return true;
    }

    private static String submit(HttpClient http, URI node, String key, int i) throws Exception {
        var task = i % 2 == 0 ? "What's the weather in Lisbon and should I take an umbrella?"
                : "Search for the tallest building in Europe and save a note with the answer.";
        var response = http.send(HttpRequest.newBuilder(node.resolve("/v1/runs")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + task + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var m = ID.matcher(response.body());
        if (response.statusCode() != 202 || !m.find()) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return m.group(1);
    }
}
