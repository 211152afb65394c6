package dev.mainstay.server.testing;

import com.sun.net.httpserver.HttpServer;
import dev.mainstay.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A SearXNG that answers every query with the same results: the way a test plants text in a tool's output. */
public final class FakeSearch implements AutoCloseable {
    private final HttpServer server;

    private FakeSearch(HttpServer server) {
        this.server = server;
    }

    /** Serves results with {@code snippets}, one result each, in order. */
    public static FakeSearch serving(String... snippets) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var body = Json.object();
            var results = body.putArray("results");
            for (int i = 0; i < snippets.length; i++) {
                results.addObject().put("url", "https://pages.example.org/" + i).put("title", "Result " + (i + 1))
                        .put("content", snippets[i]);
            }
            var bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
            server.createContext("/search", exchange -> {
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return new FakeSearch(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
