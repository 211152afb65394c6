package dev.mainstay.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Follows one run's event stream to its {@code run_finished} event through whichever node is up, disconnecting at
 * random (after 1 to {@code maxEventsPerConnection} events) and resuming with {@code Last-Event-ID}. A connection that
 * goes silent for longer than {@code silence} (its node paused or dead) is dropped and resumed elsewhere. Records every
 * event id received, so the suite can check that each arrived exactly once and in order.
 */
final class SseFollower {
    /** What one follower saw: the event ids in arrival order, the last event's name, and how often it reconnected. */
    record Outcome(String runId, List<Long> ids, String lastEvent, int reconnects, String error) {
        boolean complete() {
            if (!"run_finished".equals(lastEvent) || ids.isEmpty()) {
                return false;
            }
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) != i + 1) {
                    return false;
                }
            }
            return true;
        }
    }

    private final HttpClient http;
    private final String secret;
    private final Supplier<URI> node;
    private final RandomGenerator random;
    private final ScheduledExecutorService watchdog;
    private final int maxEventsPerConnection;
    private final Duration silence;

    SseFollower(HttpClient http, String secret, Supplier<URI> node, RandomGenerator random,
            ScheduledExecutorService watchdog, int maxEventsPerConnection, Duration silence) {
        this.http = http;
        this.secret = secret;
        this.node = node;
        this.random = random;
        this.watchdog = watchdog;
        this.maxEventsPerConnection = maxEventsPerConnection;
        this.silence = silence;
    }

    /** Follows {@code runId} until its stream ends with {@code run_finished} or {@code bound} passes. */
    Outcome follow(String runId, Duration bound) {
        var ids = new ArrayList<Long>();
        String last = null;
        int reconnects = -1;
        String error = null;
        long deadline = System.nanoTime() + bound.toNanos();
        while (!"run_finished".equals(last) && System.nanoTime() < deadline) {
            reconnects++;
            int budget;
            synchronized (random) {
                budget = 1 + random.nextInt(maxEventsPerConnection);
            }
            try {
                last = connection(runId, ids, budget, last);
            } catch (IOException e) {
                error = e.getClass().getSimpleName(); // the node died or went silent: resume elsewhere
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(runId, ids, last, Math.max(0, reconnects), "run_finished".equals(last) ? null : error);
    }

    /** One connection: reads at most {@code budget} events, then hangs up. Returns the last event's name. */
    private String connection(String runId, List<Long> ids, int budget, String last)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(node.get().resolve("/v1/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + secret).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(5));
        if (!ids.isEmpty()) {
            request.header("Last-Event-ID", Long.toString(ids.getLast()));
        }
        var response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            var lastLine = new AtomicLong(System.nanoTime());
            var guard = watchdog.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastLine.get() > silence.toNanos()) {
                    try {
                        body.close();
                    } catch (IOException ignored) {
                        // closing is the point; the reader sees the end of the stream
                    }
                }
            }, silence.toMillis(), silence.toMillis() / 4, TimeUnit.MILLISECONDS);
            try {
                var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                Long id = null;
                String event = null;
                int read = 0;
                String line;
                while ((line = reader.readLine()) != null) {
                    lastLine.set(System.nanoTime());
                    if (line.startsWith("id:")) {
                        id = Long.parseLong(line.substring(3).strip());
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.isEmpty() && id != null) {
                        ids.add(id);
                        last = event;
                        id = null;
                        if ("run_finished".equals(event) || ++read >= budget) {
                            return last;
                        }
                    }
                }
                return last;
            } finally {
                guard.cancel(false);
            }
        }
    }
}
