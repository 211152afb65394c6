package dev.mainstay.telemetry;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.telemetry.internal.Env;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tracing, from the standard OpenTelemetry variables. <b>Off by default</b>: on when {@code OTEL_TRACES_EXPORTER} is
 * {@code otlp}, or when an OTLP endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) and the exporter is not {@code none}; {@code OTEL_SDK_DISABLED=true}
 * turns it off whatever else says. Spans go over OTLP/HTTP ({@code http/protobuf}, the JDK's HTTP client) through
 * a bounded batch queue that drops rather than blocks.
 *
 * <p>Read: {@link #VARIABLES}. The exporter's headers may hold credentials: never shown, not even in a problem.
 *
 * @param endpoint the full URL spans are posted to (e.g. {@code http://collector:4318/v1/traces})
 * @param sampler one of {@code always_on}, {@code always_off}, {@code traceidratio}, {@code parentbased_always_on}
 *     (the default: follow the caller, sample every new trace), {@code parentbased_always_off},
 *     {@code parentbased_traceidratio}
 */
public record TracingConfig(boolean enabled, URI endpoint, Map<String, String> headers, Duration timeout,
        boolean gzip, String serviceName, Map<String, String> resourceAttributes, String sampler, double samplerRatio,
        Duration scheduleDelay, int maxQueueSize, int maxExportBatchSize) {
    public static final String SDK_DISABLED = "OTEL_SDK_DISABLED";
    public static final String TRACES_EXPORTER = "OTEL_TRACES_EXPORTER";
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public static final String TRACES_PROTOCOL = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    public static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
    public static final String TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
    public static final String TIMEOUT = "OTEL_EXPORTER_OTLP_TIMEOUT";
    public static final String TRACES_TIMEOUT = "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT";
    public static final String COMPRESSION = "OTEL_EXPORTER_OTLP_COMPRESSION";
    public static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
    public static final String RESOURCE_ATTRIBUTES = "OTEL_RESOURCE_ATTRIBUTES";
    public static final String SAMPLER = "OTEL_TRACES_SAMPLER";
    public static final String SAMPLER_ARG = "OTEL_TRACES_SAMPLER_ARG";
    public static final String BSP_SCHEDULE_DELAY = "OTEL_BSP_SCHEDULE_DELAY";
    public static final String BSP_MAX_QUEUE_SIZE = "OTEL_BSP_MAX_QUEUE_SIZE";
    public static final String BSP_MAX_EXPORT_BATCH_SIZE = "OTEL_BSP_MAX_EXPORT_BATCH_SIZE";
    public static final List<String> VARIABLES = List.of(SDK_DISABLED, TRACES_EXPORTER, ENDPOINT, TRACES_ENDPOINT,
            PROTOCOL, TRACES_PROTOCOL, HEADERS, TRACES_HEADERS, TIMEOUT, TRACES_TIMEOUT, COMPRESSION, SERVICE_NAME,
            RESOURCE_ATTRIBUTES, SAMPLER, SAMPLER_ARG, BSP_SCHEDULE_DELAY, BSP_MAX_QUEUE_SIZE,
            BSP_MAX_EXPORT_BATCH_SIZE);

    public static final URI DEFAULT_ENDPOINT = URI.create("http://localhost:4318");
    public static final String DEFAULT_SERVICE_NAME = "mainstay";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_SAMPLER = "parentbased_always_on";
    private static final List<String> SAMPLERS = List.of("always_on", "always_off", "traceidratio",
            "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");

    public TracingConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(serviceName, "serviceName");
        resourceAttributes = Map.copyOf(resourceAttributes);
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(scheduleDelay, "scheduleDelay");
    }

    /** Tracing off: nothing is recorded and nothing is sent. */
    public static TracingConfig off() {
        return new TracingConfig(false, DEFAULT_ENDPOINT.resolve("/v1/traces"), Map.of(), DEFAULT_TIMEOUT, false,
                DEFAULT_SERVICE_NAME, Map.of(), DEFAULT_SAMPLER, 1.0, Duration.ofSeconds(5), 2048, 512);
    }

    /** OTLP/HTTP to {@code endpoint} (the full traces URL), every other setting at its default. */
    public static TracingConfig otlp(URI endpoint) {
        var off = off();
        return new TracingConfig(true, endpoint, Map.of(), DEFAULT_TIMEOUT, false, DEFAULT_SERVICE_NAME, Map.of(),
                DEFAULT_SAMPLER, 1.0, off.scheduleDelay(), off.maxQueueSize(), off.maxExportBatchSize());
    }

    /** Reads the standard variables; problems go to {@code problems}. */
    static TracingConfig fromEnv(Env env) {
        var exporter = env.string(TRACES_EXPORTER).map(s -> s.toLowerCase(Locale.ROOT));
        exporter.filter(e -> !e.equals("otlp") && !e.equals("none")).ifPresent(e ->
                env.problem(new ConfigProblem(TRACES_EXPORTER, "otlp or none", "'" + e + "'")));
        var tracesEndpoint = env.string(TRACES_ENDPOINT);
        var baseEndpoint = env.string(ENDPOINT);
        boolean disabled = env.bool(SDK_DISABLED, false);
        boolean enabled = !disabled && (exporter.filter("otlp"::equals).isPresent()
                || exporter.isEmpty() && (tracesEndpoint.isPresent() || baseEndpoint.isPresent()));
        URI endpoint;
        if (tracesEndpoint.isPresent()) {
            endpoint = url(env, TRACES_ENDPOINT, tracesEndpoint.get());
        } else {
            var base = baseEndpoint.map(b -> url(env, ENDPOINT, b)).orElse(DEFAULT_ENDPOINT).toString();
            endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces");
        }
        var protocol = env.string(TRACES_PROTOCOL).or(() -> env.string(PROTOCOL)).orElse("http/protobuf");
        if (!protocol.equals("http/protobuf")) {
            env.problem(new ConfigProblem(env.string(TRACES_PROTOCOL).isPresent() ? TRACES_PROTOCOL : PROTOCOL,
                    "http/protobuf (Mainstay sends OTLP over HTTP, port 4318)", "'" + protocol + "'"));
        }
        var headers = new java.util.LinkedHashMap<>(env.pairs(HEADERS, true));
        headers.putAll(env.pairs(TRACES_HEADERS, true));
        long timeoutMs = env.number(TRACES_TIMEOUT, env.number(TIMEOUT, DEFAULT_TIMEOUT.toMillis(), 1, 600_000), 1,
                600_000);
        var compression = env.string(COMPRESSION).orElse("none");
        if (!compression.equals("gzip") && !compression.equals("none")) {
            env.problem(new ConfigProblem(COMPRESSION, "gzip or none", "'" + compression + "'"));
        }
        var sampler = env.string(SAMPLER).map(s -> s.toLowerCase(Locale.ROOT)).orElse(DEFAULT_SAMPLER);
        if (!SAMPLERS.contains(sampler)) {
            env.problem(new ConfigProblem(SAMPLER, "one of " + String.join(", ", SAMPLERS), "'" + sampler + "'"));
            sampler = DEFAULT_SAMPLER;
        }
        double ratio = env.ratio(SAMPLER_ARG, 1.0);
        return new TracingConfig(enabled, endpoint, headers, Duration.ofMillis(timeoutMs), compression.equals("gzip"),
                env.string(SERVICE_NAME).orElse(DEFAULT_SERVICE_NAME), env.pairs(RESOURCE_ATTRIBUTES, false), sampler,
                ratio, Duration.ofMillis(env.number(BSP_SCHEDULE_DELAY, 5000, 1, 600_000)),
                (int) env.number(BSP_MAX_QUEUE_SIZE, 2048, 1, 1_000_000),
                (int) env.number(BSP_MAX_EXPORT_BATCH_SIZE, 512, 1, 1_000_000));
    }

    private static URI url(Env env, String name, String raw) {
        try {
            var uri = URI.create(raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        env.problem(new ConfigProblem(name, "an http(s) URL", "'" + raw + "'"));
        return DEFAULT_ENDPOINT;
    }

    @Override
    public String toString() {
        // the headers may carry credentials
        return "TracingConfig[enabled=" + enabled + ", endpoint=" + endpoint + ", headers=" + headers.keySet()
                + ", sampler=" + sampler + "]";
    }
}
