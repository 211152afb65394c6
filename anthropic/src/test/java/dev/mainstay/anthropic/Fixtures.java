package dev.mainstay.anthropic;

import dev.mainstay.json.Json;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Recorded Messages API bodies and small builders shared by this module's tests. */
final class Fixtures {
    /** Recognizable, so a test can prove it appears nowhere it must not. */
    static final String API_KEY = "fake-anthropic-key-must-never-leak-0123456789";

    private Fixtures() {}

    static String read(String name) {
        try (var in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AnthropicModelClient clientFor(MockWebServer server) {
        return new AnthropicModelClient(configFor(server));
    }

    static AnthropicConfig configFor(MockWebServer server) {
        return AnthropicConfig.of(API_KEY).withBaseUrl(server.url("/").uri());
    }

    /** A configuration whose base URL is a server that was started and closed again, so connecting is refused. */
    static AnthropicConfig configForClosedServer() throws IOException {
        var closed = new MockWebServer();
        closed.start();
        var config = configFor(closed);
        closed.close();
        return config;
    }

    static ModelRequest request(boolean stream) {
        return new ModelRequest(
                "claude-sonnet-5-5", "", List.of(Message.user("What's the weather in Lyon?")), List.of(), 1024,
                stream, false);
    }

    static CallContext context() {
        return context(Deadline.after(Duration.ofSeconds(20), InstantSource.system()), Cancellation.NEVER,
                StreamObserver.NONE);
    }

    static CallContext context(StreamObserver observer) {
        return context(Deadline.after(Duration.ofSeconds(20), InstantSource.system()), Cancellation.NEVER, observer);
    }

    static CallContext context(Deadline deadline, Cancellation cancellation, StreamObserver observer) {
        return new CallContext("run_1", "default", "user_1", 1, deadline, cancellation, observer);
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .addHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
                .body(body)
                .build();
    }

    static MockResponse error(int status, String type, String message) {
        var body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return json(status, Json.write(body));
    }

    static MockResponse sse(String body) {
        return sseBuilder(body).build();
    }

    static MockResponse.Builder sseBuilder(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream; charset=utf-8")
                .addHeader("cache-control", "no-cache")
                .addHeader("request-id", "req_stream_01")
                .body(body);
    }

    /**
     * {@code events} followed by SSE comment lines making up at least as many bytes again, so that a socket effect
     * MockWebServer fires halfway through the body fires after every event has been sent.
     */
    static String paddedAfter(String events) {
        var padded = new StringBuilder(events);
        var line = ": padding that the client ignores\n";
        while (padded.length() < events.length() * 2 + 64) {
            padded.append(line);
        }
        return padded.append("\n").toString();
    }
}
