package dev.mainstay.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain HTTP client for the API, as a user's program would call it. */
public final class ApiClient {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public Response get(String path, String key) {
        return send(request(path, key, Map.of()).GET().build());
    }

    public Response get(String path, String key, Map<String, String> headers) {
        return send(request(path, key, headers).GET().build());
    }

    public Response post(String path, String key, String json) {
        return post(path, key, json, Map.of());
    }

    public Response post(String path, String key, String body, Map<String, String> headers) {
        var builder = request(path, key, headers);
        if (body != null && !headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response put(String path, String key, String json) {
        return send(request(path, key, Map.of()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response delete(String path, String key) {
        return send(request(path, key, Map.of()).DELETE().build());
    }

    public Response send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String key, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        headers.forEach(builder::header);
        return builder;
    }

    /** Opens the event stream at {@code path}; read it with {@link EventStream#next}. */
    public EventStream events(String path, String key, Map<String, String> headers) {
        var request = request(path, key, headers).timeout(Duration.ofMinutes(5)).GET().build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new EventStream(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers (lower-cased names) and body. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public ObjectNode json() {
            return Json.parseObject(body);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The problem's type slug, e.g. {@code not-found}. */
        public String problemType() {
            return json().path("type").asText().replace("https://mainstay.dev/problems/", "");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** One Server-Sent Event, or a comment line ({@code event} is {@code ":"}). */
    public record Event(long id, String event, String data) {
        public JsonNode json() {
            return Json.parse(data);
        }

        public boolean isComment() {
            return event.equals(":");
        }
    }

    /** An open event stream, read on a thread of its own. */
    public static final class EventStream implements AutoCloseable {
        private static final Event END = new Event(-1, "", "");
        private final int status;
        private final String contentType;
        private final InputStream body;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final StringBuilder raw = new StringBuilder();

        EventStream(int status, String contentType, InputStream body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            Thread.ofVirtual().start(this::read);
        }

        public int status() {
            return status;
        }

        public String contentType() {
            return contentType;
        }

        private void read() {
            try (var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                long id = -1;
                String name = "message";
                var data = new ArrayList<String>();
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (raw) {
                        raw.append(line).append('\n');
                    }
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, String.join("\n", data)));
                        }
                        name = "message";
                        data.clear();
                    } else if (line.startsWith(":")) {
                        events.add(new Event(-1, ":", line.substring(1).trim()));
                    } else if (line.startsWith("id:")) {
                        id = Long.parseLong(line.substring(3).trim());
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                events.add(END);
            }
        }

        /** The next event or comment within {@code max}; empty at the end of the stream or on timeout. */
        public Optional<Event> next(Duration max) throws InterruptedException {
            var event = events.poll(max.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null || event == END) {
                if (event == END) {
                    events.add(END);
                }
                return Optional.empty();
            }
            return Optional.of(event);
        }

        /** Every event (not comments) until the stream ends, waiting at most {@code max} in all. */
        public List<Event> readToEnd(Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            var all = new ArrayList<Event>();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the stream did not end within " + max + "; got " + all.size()
                            + " events");
                }
                var event = events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    continue;
                }
                if (event == END) {
                    events.add(END);
                    return all;
                }
                if (!event.isComment()) {
                    all.add(event);
                }
            }
        }

        public String raw() {
            synchronized (raw) {
                return raw.toString();
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
