package dev.mainstay.telemetry;

import dev.mainstay.event.RunListener;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.observe.LogFields;
import dev.mainstay.telemetry.internal.RunSpans;
import dev.mainstay.telemetry.internal.TracingInterceptor;
import dev.mainstay.telemetry.internal.TracingRunListener;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Mainstay's traces, following the OpenTelemetry GenAI conventions: a run is an {@code invoke_agent} span, each model
 * call attempt a {@code chat {model}} span ({@link #interceptor()}, for the model chain's TELEMETRY slot) and each
 * tool call an {@code execute_tool {name}} span ({@link #listener()}); the service adds its request span and the run's
 * {@code queue_wait}. The caller's W3C trace context travels with the run ({@link Traceparent}), so a run executed on
 * another node joins the caller's trace.
 *
 * <p><b>Off</b> ({@link #off()}, the default) it installs nothing: no interceptor, no listener, no exporter — the run
 * pays nothing. It still carries a caller's trace id into the logs ({@link #within}). <b>On</b>, spans are exported in
 * batches from a bounded queue that drops when full: a slow collector never slows a run. Thread-safe; closing it
 * flushes and stops the exporter.
 */
public final class Tracing implements AutoCloseable {
    /** The instrumentation scope of Mainstay's spans. */
    public static final String SCOPE = "dev.mainstay";

    private final Tracer tracer;
    private final SdkTracerProvider provider; // null when off
    private final RunSpans spans = new RunSpans();
    private final String node;

    private Tracing(SdkTracerProvider provider, String node) {
        this.provider = provider;
        this.node = Objects.requireNonNull(node, "node");
        this.tracer = (provider == null ? TracerProvider.noop() : provider).get(SCOPE);
    }

    /** Tracing off. */
    public static Tracing off() {
        return new Tracing(null, "local");
    }

    /**
     * Tracing as {@code config} says: off, or OTLP/HTTP export.
     *
     * @param node this process's name in spans ({@code service.instance.id}, {@code mainstay.node})
     */
    public static Tracing start(TracingConfig config, String node) {
        if (!config.enabled()) {
            return new Tracing(null, node);
        }
        var exporter = OtlpHttpSpanExporter.builder().setEndpoint(config.endpoint().toString())
                .setTimeout(config.timeout()).setCompression(config.gzip() ? "gzip" : "none");
        config.headers().forEach(exporter::addHeader);
        var processor = BatchSpanProcessor.builder(exporter.build()).setScheduleDelay(config.scheduleDelay())
                .setMaxQueueSize(config.maxQueueSize()).setMaxExportBatchSize(config.maxExportBatchSize()).build();
        return new Tracing(SdkTracerProvider.builder().setResource(resource(config, node))
                .setSampler(sampler(config)).addSpanProcessor(processor).build(), node);
    }

    /** Tracing into {@code provider} (tests, benchmarks: an in-memory exporter); closing this closes it. */
    public static Tracing with(SdkTracerProvider provider, String node) {
        return new Tracing(Objects.requireNonNull(provider, "provider"), node);
    }

    public boolean enabled() {
        return provider != null;
    }

    /** The TELEMETRY-slot link giving each model call attempt its span; empty when tracing is off. */
    public Optional<ModelInterceptor> interceptor() {
        return enabled() ? Optional.of(new TracingInterceptor(tracer, spans)) : Optional.empty();
    }

    /** The run listener giving each run and tool call its span; empty when tracing is off. */
    public Optional<RunListener> listener() {
        return enabled() ? Optional.of(new TracingRunListener(tracer, spans, node)) : Optional.empty();
    }

    /**
     * Runs {@code body} (a run's execution, on this thread) inside the caller's trace: the run's span becomes a child
     * of {@code parent}, and — tracing on or off — log lines carry its trace id.
     */
    public <T> T within(Optional<Traceparent> parent, Supplier<T> body) {
        if (parent.isEmpty()) {
            return body.get();
        }
        var previousTrace = MDC.get(LogFields.TRACE_ID);
        var previousSpan = MDC.get(LogFields.SPAN_ID);
        MDC.put(LogFields.TRACE_ID, parent.get().traceId());
        MDC.put(LogFields.SPAN_ID, parent.get().spanId());
        try (var ignored = parent.get().context().makeCurrent()) {
            return body.get();
        } finally {
            restore(LogFields.TRACE_ID, previousTrace);
            restore(LogFields.SPAN_ID, previousSpan);
        }
    }

    /**
     * Records how long a run waited in the queue, as a {@code queue_wait} span from when it was accepted to when a
     * worker claimed it, in the caller's trace.
     *
     * @param attempt the claim's lease epoch: 1 for the first claim, more for a run recovered from a lost worker
     */
    public void queueWait(Optional<Traceparent> parent, String runId, Instant enqueued, Instant claimed, long attempt) {
        if (!enabled()) {
            return;
        }
        var context = parent.map(Traceparent::context).orElseGet(Context::root);
        tracer.spanBuilder("queue_wait").setParent(context).setSpanKind(SpanKind.CONSUMER)
                .setStartTimestamp(enqueued).setAttribute("mainstay.run.id", runId)
                .setAttribute("mainstay.node", node).setAttribute("mainstay.lease.epoch", attempt)
                .setAttribute("messaging.operation.type", "receive").startSpan().end(claimed);
    }

    /**
     * Starts the span of one API request ({@code SpanKind.SERVER}), child of the caller's {@code incoming} trace
     * context; it is named {@code "METHOD route"} when it ends, once the route's template is known. Its
     * {@link ServerSpan#traceparent()} is what the response header returns and the run row keeps — with tracing off,
     * the caller's own, or a new random one, so every run has a trace id for its logs.
     */
    public ServerSpan serverSpan(String method, Optional<Traceparent> incoming,
            java.util.random.RandomGenerator random) {
        if (!enabled()) {
            return new ServerSpan(Span.getInvalid(), method, incoming.orElseGet(() -> Traceparent.random(random)));
        }
        var parent = incoming.map(Traceparent::context).orElseGet(Context::root);
        var span = tracer.spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method).startSpan();
        return new ServerSpan(span, method, Traceparent.of(span.getSpanContext()).orElseThrow());
    }

    /** An API request's span. End it with the route's template and the response's status. */
    public static final class ServerSpan {
        private final Span span;
        private final String method;
        private final Traceparent traceparent;

        ServerSpan(Span span, String method, Traceparent traceparent) {
            this.span = span;
            this.method = method;
            this.traceparent = traceparent;
        }

        public Traceparent traceparent() {
            return traceparent;
        }

        public void end(String route, int status) {
            span.updateName(method + " " + route);
            span.setAttribute("http.route", route);
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
                span.setAttribute("error.type", Integer.toString(status));
            }
            span.end();
        }
    }

    /** Flushes what is queued (bounded: a dead collector does not hold shutdown) and stops exporting. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    /** Runs with an open span on this node, for tests. */
    int openRuns() {
        return spans.open();
    }

    private static Resource resource(TracingConfig config, String node) {
        var attributes = Attributes.builder();
        config.resourceAttributes().forEach(attributes::put);
        attributes.put("service.name", config.serviceName()).put("service.instance.id", node);
        return Resource.getDefault().merge(Resource.create(attributes.build()));
    }

    private static Sampler sampler(TracingConfig config) {
        return switch (config.sampler()) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(config.samplerRatio());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(config.samplerRatio()));
            default -> Sampler.parentBased(Sampler.alwaysOn());
        };
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
