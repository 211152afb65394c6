package dev.mainstay.bench.cost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of the Messages API (here: the simulator) that keeps the raw body of every
 * {@code /v1/messages} response, exactly as the provider sent it, so the benchmark can price what the provider
 * reported without going through any Mainstay code. Buffers each response whole before passing it on (a stream
 * arrives at the client at once; its bytes are unchanged). Thread-safe; close it to stop it.
 */
final class RecordingProxy implements AutoCloseable {
    /** One response of {@code POST /v1/messages}: its status, its content type and its body as sent. */
    record Exchange(int status, String contentType, String body) {
        boolean streamed() {
            return contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
            "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

    private final URI upstream;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    private RecordingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static RecordingProxy start(URI upstream) throws IOException {
        return new RecordingProxy(upstream);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every {@code /v1/messages} response so far, in the order they completed. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getRawPath();
            var query = exchange.getRequestURI().getRawQuery();
            var target = URI.create(upstream.toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query));
            var body = exchange.getRequestBody().readAllBytes();
            var request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("expect")) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            if (path.endsWith("/v1/messages") && exchange.getRequestMethod().equals("POST")) {
                exchanges.add(new Exchange(response.statusCode(),
                        response.headers().firstValue("content-type").orElse(""),
                        new String(response.body(), StandardCharsets.UTF_8)));
            }
            var bytes = response.body();
            exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
