package dev.mainstay.server.internal.observe;

import dev.mainstay.telemetry.HttpTelemetry;
import dev.mainstay.telemetry.PrometheusMetrics;
import dev.mainstay.telemetry.Traceparent;
import dev.mainstay.telemetry.Tracing;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What the API records of every request, in a before and an after handler: the request's span in the caller's trace
 * (W3C {@code traceparent} in, the request span's {@code traceparent} back in the response header), one request log
 * line and the RED metric by route template ({@link HttpTelemetry}); and {@code GET /metrics}. Health checks and
 * scrapes get no span: they would drown the traces.
 */
public final class HttpObservability {
    private static final String STARTED = "mainstay.started";
    private static final String SPAN = "mainstay.span";
    private static final Set<String> UNTRACED = Set.of("/metrics", "/healthz", "/readyz");

    private final Tracing tracing;
    private final HttpTelemetry http;
    private final PrometheusMeterRegistry registry;
    private final RandomGenerator random;

    private static final RouteTemplates TEMPLATES = RouteTemplates.ofApi();

    public HttpObservability(Tracing tracing, PrometheusMeterRegistry registry, RandomGenerator random) {
        this.tracing = tracing;
        this.registry = registry;
        this.http = new HttpTelemetry(registry);
        this.random = random;
    }

    public void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        if (UNTRACED.contains(ctx.path())) {
            return;
        }
        var span = tracing.serverSpan(ctx.method().name(), Traceparent.parse(ctx.header(Traceparent.HEADER)), random);
        ctx.attribute(SPAN, span);
        ctx.header(Traceparent.HEADER, span.traceparent().header());
    }

    public void after(Context ctx) {
        Long started = ctx.attribute(STARTED);
        var route = route(ctx);
        int status = ctx.statusCode();
        Tracing.ServerSpan span = ctx.attribute(SPAN);
        if (span != null) {
            span.end(route, status);
        }
        if (started != null) {
            http.record(ctx.method().name(), route, status, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** {@code GET /metrics}: OpenMetrics text, or Prometheus's classic text when the scraper asks only for that. */
    public void metrics(Context ctx) {
        var accept = ctx.header("Accept");
        ctx.contentType(PrometheusMetrics.contentType(accept)).result(PrometheusMetrics.scrape(registry, accept));
    }

    /** The trace context this request runs in: the one its run row keeps. */
    public static Optional<String> traceparent(Context ctx) {
        Tracing.ServerSpan span = ctx.attribute(SPAN);
        return span == null ? Optional.empty() : Optional.of(span.traceparent().header());
    }

    /** The matched route's template ({@code /v1/runs/{id}}), never the raw path. */
    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null) {
                return endpoint.path;
            }
        } catch (RuntimeException e) {
            // answered before matching (an authentication refusal): the template from the path, below
        }
        return TEMPLATES.match(ctx.path()).orElse(HttpTelemetry.UNMATCHED);
    }
}
