package dev.mainstay.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Fake HTTP backends on 127.0.0.1 and a client to reach them. */
public final class FakeServers {
    private FakeServers() {}

    public static MockWebServer start() {
        var server = new MockWebServer();
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    public static URI baseUri(MockWebServer server) {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("{\"error\":\"boom\"}").build();
    }

    /** A port nothing listens on: bound once, then released. */
    public static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
