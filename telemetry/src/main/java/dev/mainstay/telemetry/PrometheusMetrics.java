package dev.mainstay.telemetry;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Prometheus side of Mainstay's metrics: a registry to hand the runtime, and its exposition in the OpenMetrics
 * text format ({@code GET /metrics}). Every meter's name, type and labels are documented where it is recorded; the
 * guide (docs/guides/observability.md) lists them all with their cardinality.
 */
public final class PrometheusMetrics {
    /** The content type of the OpenMetrics text exposition. */
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The content type of Prometheus's classic text exposition, for scrapers that ask for it. */
    public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusMetrics() {}

    /** A registry with the JVM's memory, GC, thread, CPU and uptime meters bound. */
    public static PrometheusMeterRegistry registry() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        return registry;
    }

    /** The exposition for a scraper that sent {@code accept}: OpenMetrics unless it asks for the classic format only. */
    public static String scrape(PrometheusMeterRegistry registry, String accept) {
        return registry.scrape(contentType(accept));
    }

    /** The content type {@link #scrape} answers {@code accept} with. */
    public static String contentType(String accept) {
        return accept != null && !accept.contains("openmetrics") && accept.contains("text/plain") ? TEXT : OPENMETRICS;
    }
}
