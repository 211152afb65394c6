package dev.mainstay.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the service records of each API request: one log line (logger {@code mainstay.http}, with the fields
 * {@code method}, {@code route}, {@code status}, {@code duration_ms}) and the RED metric
 * {@code http.server.request.duration} (seconds; tags {@code http.request.method}, {@code http.route},
 * {@code http.response.status_code}, {@code error.type}: {@code none}, or the status class for 5xx) — Prometheus's
 * {@code http_server_request_duration_seconds_*}. The route is always the route's <em>template</em>
 * ({@code /v1/runs/{id}}), never the raw path, so neither a line nor a series carries a run id; a request no route
 * matched is {@link #UNMATCHED}. Thread-safe.
 */
public final class HttpTelemetry {
    /** The route of a request that matched none. */
    public static final String UNMATCHED = "unmatched";
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Logger log = LoggerFactory.getLogger("mainstay.http");

    private final MeterRegistry registry;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

    public HttpTelemetry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Records one finished request. A long-lived SSE stream is recorded when it ends. */
    public void record(String method, String route, int status, Duration duration) {
        var tags = Tags.of("http.request.method", method, "http.route", route, "http.response.status_code",
                Integer.toString(status), "error.type", status >= 500 ? Integer.toString(status) : "none");
        timers.computeIfAbsent(tags, t -> Timer.builder("http.server.request.duration").tags(t)
                .description("API requests").serviceLevelObjectives(BUCKETS).register(registry)).record(duration);
        if (!log.isInfoEnabled() && status < 500) {
            return;
        }
        long millis = duration.toMillis();
        MDC.put("method", method);
        MDC.put("route", route);
        MDC.put("status", Integer.toString(status));
        MDC.put("duration_ms", Long.toString(millis));
        try {
            if (status >= 500) {
                log.warn("request {} {} {} {}ms", method, route, status, millis);
            } else {
                log.info("request {} {} {} {}ms", method, route, status, millis);
            }
        } finally {
            MDC.remove("method");
            MDC.remove("route");
            MDC.remove("status");
            MDC.remove("duration_ms");
        }
    }
}
