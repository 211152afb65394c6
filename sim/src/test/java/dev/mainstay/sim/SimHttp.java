package dev.mainstay.sim;

import dev.mainstay.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP client for tests against a running simulator, with an SSE reader. */
final class SimHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String KEY = "sk-test-not-a-secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    SimHttp(Simulator simulator) {
        this.base = simulator.baseUrl();
    }

    HttpResponse<String> postMessages(String body) {
        return send(request("/v1/messages").header("x-api-key", KEY).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    CompletableFuture<HttpResponse<String>> postMessagesAsync(String body) {
        var request = HttpRequest.newBuilder(base.resolve("/v1/messages"))
                .header("content-type", "application/json")
                .header("x-api-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        var builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    HttpResponse<String> put(String path, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("content-type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One SSE event as received: its name and its raw data line. */
    record Event(String name, String data) {
        com.fasterxml.jackson.databind.JsonNode json() {
            return Json.parse(data);
        }
    }

    /** Parses a complete SSE body; fails on any line that is not part of the event grammar the API uses. */
    static List<Event> events(String body) {
        var events = new ArrayList<Event>();
        String name = null;
        String data = null;
        for (var line : body.split("\n", -1)) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                data = line.substring("data: ".length());
            } else if (line.isEmpty()) {
                if (name != null && data != null) {
                    events.add(new Event(name, data));
                }
                name = null;
                data = null;
            } else {
                throw new AssertionError("unexpected SSE line: " + line);
            }
        }
        return events;
    }

    static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }
}
