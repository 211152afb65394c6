package dev.mainstay.openai;

import com.fasterxml.jackson.databind.JsonNode;
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
import mockwebserver3.RecordedRequest;

/** Recorded Chat Completions bodies and small builders shared by this module's tests. */
final class Fixtures {
    /** Recognizable, so a test can prove it appears nowhere it must not. */
    static final String API_KEY = "fake-openai-key-must-never-leak-0123456789";
    static final String MODEL = "gpt-4o-2024-08-06";

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

    static OpenAiConfig configFor(MockWebServer server) {
        return OpenAiConfig.of(API_KEY, server.url("/v1").uri(), MODEL);
    }

    /** A configuration whose base URL is a server that was started and closed again, so connecting is refused. */
    static OpenAiConfig configForClosedServer() throws IOException {
        var closed = new MockWebServer();
        closed.start();
        var config = configFor(closed);
        closed.close();
        return config;
    }

    static ModelRequest request(boolean stream) {
        return new ModelRequest(
                MODEL, "", List.of(Message.user("What's the weather in Lyon?")), List.of(), 1024, stream, false);
    }

    static CallContext context() {
        return context(StreamObserver.NONE);
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
                .addHeader("x-request-id", "req_5f1c2a9e7b3d4c8fa1e2b3c4d5e6f708")
                .body(body)
                .build();
    }

    /** An error in OpenAI's envelope: {@code {"error":{"message","type","param","code"}}}. */
    static MockResponse error(int status, String type, String code, String message) {
        var body = Json.object();
        var error = body.putObject("error").put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
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
                .addHeader("x-request-id", "req_stream_01")
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

    static JsonNode bodyOf(RecordedRequest request) {
        return Json.parse(request.getBody().utf8());
    }
}
