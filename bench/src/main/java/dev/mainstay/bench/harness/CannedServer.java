package dev.mainstay.bench.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Messages API server for the overhead benchmark: {@code POST /v1/messages} answers the two turns of the
 * {@link ReferenceRun} from {@link CannedReplies}, as JSON or as server-sent events, after a fixed latency;
 * {@code GET /stats} reports its counters (the memory phase uses it to see that runs really are waiting on it). It does
 * as little work per request as it can, so that on a shared machine the clients, not the server, use the CPU.
 *
 * <p>It runs on the JDK's built-in HTTP server with one virtual thread per exchange; HTTP/1.1 keep-alive. Requests
 * without an {@code x-api-key} or {@code authorization} header get a 401, requests that are not a turn of the
 * reference run a 400, bodies over {@link #MAX_BODY_BYTES} a 413. Thread-safe. Closing stops it at once.
 */
public final class CannedServer implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** {@code GET} answers {@code {"in_flight":…,"answered":…,"rejected":…}}. */
    public static final String STATS_PATH = "/stats";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration latency;
    private final URI baseUrl;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    private CannedServer(HttpServer server, ExecutorService executor, Duration latency) {
        this.server = server;
        this.executor = executor;
        this.latency = latency;
        var address = server.getAddress();
        this.baseUrl = URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one) that waits {@code latency} before each answer.
     *
     * @throws IOException when the port cannot be bound
     */
    public static CannedServer start(String host, int port, Duration latency) throws IOException {
        Objects.requireNonNull(host, "host");
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, but was " + latency);
        }
        tuneJdkHttpServer();
        var server = HttpServer.create(new InetSocketAddress(host, port), 4096);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var canned = new CannedServer(server, executor, latency);
        server.createContext("/", canned::handle);
        server.setExecutor(executor);
        server.start();
        return canned;
    }

    /** {@code http://HOST:PORT}, without {@code /v1}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Requests answered with a reply of the reference run; a request is counted before its reply is written. */
    public long answered() {
        return answered.get();
    }

    /** Requests refused with a 4xx. */
    public long rejected() {
        return rejected.get();
    }

    /** Requests being handled right now, including those waiting out the latency. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals(STATS_PATH)) {
                stats(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/messages")) {
                reply(exchange, 404, "not_found_error", "Not found: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
                return;
            }
            var headers = exchange.getRequestHeaders();
            if (!headers.containsKey("x-api-key") && !headers.containsKey("authorization")) {
                reply(exchange, 401, "authentication_error", "x-api-key header is required");
                return;
            }
            var body = readBody(exchange.getRequestBody());
            if (body == null) {
                reply(exchange, 413, "request_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes");
                return;
            }
            var turn = CannedReplies.classify(body);
            if (turn instanceof CannedReplies.Turn.Invalid invalid) {
                reply(exchange, 400, "invalid_request_error", invalid.problem());
                return;
            }
            boolean stream = CannedReplies.wantsStream(body);
            long seq = sequence.incrementAndGet();
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            exchange.getResponseHeaders().set("request-id", "req_bench_" + seq);
            // counted before the reply is written: a client that has read the whole reply must see it counted
            answered.incrementAndGet();
            if (stream) {
                exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("cache-control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                try (var out = exchange.getResponseBody()) {
                    for (var event : CannedReplies.sse(turn, seq)) {
                        out.write(event);
                        out.flush();
                    }
                }
            } else {
                var json = CannedReplies.json(turn, seq);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(json);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The counters as JSON; the stats request itself is not counted as in flight. */
    private void stats(HttpExchange exchange) throws IOException {
        var json = new JsonLine().field("in_flight", inFlight.get() - 1).field("answered", answered.get())
                .field("rejected", rejected.get()).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        try (var out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private void reply(HttpExchange exchange, int status, String type, String message) throws IOException {
        rejected.incrementAndGet();
        var json = CannedReplies.error(status, type, message);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (var out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** The body as text, or {@code null} when it is larger than {@link #MAX_BODY_BYTES}. */
    private static String readBody(InputStream in) throws IOException {
        var bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The JDK server leaves Nagle's algorithm on, which delays small writes by up to 40 ms against a client's delayed
     * ACKs, and keeps only 200 idle connections. Both are read once, when the first server starts; an explicit
     * {@code -D} wins.
     */
    private static void tuneJdkHttpServer() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        }
    }
}
