package dev.mainstay.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.time.Cancellation;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.tools.FakeServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class JsonHttpTest {
    private MockWebServer server;
    private final JsonHttp http = new JsonHttp(FakeServers.client(), 1024);

    @BeforeEach
    void startServer() {
        server = FakeServers.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpRequest.Builder get() {
        return HttpRequest.newBuilder(URI.create(FakeServers.baseUri(server) + "/x")).GET();
    }

    @Test
    void parsesASuccessfulJsonBody() {
        server.enqueue(FakeServers.json("{\"a\":1}"));

        var result = http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER);

        assertThat(result).isInstanceOfSatisfying(HttpResult.Ok.class,
                ok -> assertThat(ok.body().path("a").intValue()).isEqualTo(1));
    }

    @Test
    void refusesABodyBeyondTheLimit() {
        server.enqueue(FakeServers.json("{\"a\":\"" + "x".repeat(4096) + "\"}"));

        assertThat(http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.unavailable("response too large"));
    }

    @Test
    void doesNotFollowRedirects() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "http://127.0.0.1:1/steal").build());

        assertThat(http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.rejected("HTTP 302"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void sendsNothingWhenNoTimeIsLeftOrTheRunIsAlreadyCancelled() {
        var cancelled = new CancellationSource();
        cancelled.cancel();

        assertThat(http.send(get(), Duration.ZERO, Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.rejected("no time left before the deadline"));
        assertThat(http.send(get(), Duration.ofSeconds(5), cancelled)).isEqualTo(HttpResult.Failed.rejected("cancelled"));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void reportsAnEmptyBodyAsAFailure() {
        server.enqueue(FakeServers.json(""));

        assertThat(http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.unavailable("empty response"));
    }

    @Test
    void marksServerErrorsAndTooManyRequestsAsTheBackendBeingUnavailable() {
        server.enqueue(FakeServers.status(500));
        server.enqueue(FakeServers.status(429));
        server.enqueue(FakeServers.status(404));

        assertThat(http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.unavailable("HTTP 500"));
        assertThat(http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.unavailable("HTTP 429"));
        assertThat(http.send(get(), Duration.ofSeconds(5), Cancellation.NEVER))
                .isEqualTo(HttpResult.Failed.rejected("HTTP 404"));
    }
}
