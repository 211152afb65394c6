package dev.mainstay.telemetry;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.telemetry.internal.Env;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is recorded about runs, from the environment, validated at once (every problem listed):
 *
 * <ul>
 *   <li>{@code MAINSTAY_LOG_CONTENT} (default {@code false}): whether prompts, answers and tool results are logged
 *       (logger {@code mainstay.content}, at INFO) — always through the redactor, which takes keys, tokens and the
 *       usual PII out. Off, no content reaches a log line.
 *   <li>{@code MAINSTAY_METRICS_TENANT_LABEL} (default {@code true}): whether counters carry a {@code tenant} label
 *       (one series per tenant; switch it off for many tenants).
 *   <li>tracing: the standard {@code OTEL_*} variables ({@link TracingConfig}); off by default.
 * </ul>
 */
public record TelemetryConfig(boolean logContent, boolean tenantLabel, TracingConfig tracing) {
    public static final String LOG_CONTENT = "MAINSTAY_LOG_CONTENT";
    public static final String METRICS_TENANT_LABEL = "MAINSTAY_METRICS_TENANT_LABEL";
    /** Mainstay's own variables; the {@code OTEL_*} ones are {@link TracingConfig#VARIABLES}. */
    public static final List<String> VARIABLES = List.of(LOG_CONTENT, METRICS_TENANT_LABEL);

    public TelemetryConfig {
        Objects.requireNonNull(tracing, "tracing");
    }

    /** No content in logs, the tenant label on, tracing off. */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig(false, true, TracingConfig.off());
    }

    /** @throws InvalidConfigException listing every problem found */
    public static TelemetryConfig fromEnv(Map<String, String> environment) {
        var env = new Env(environment);
        boolean content = env.bool(LOG_CONTENT, false);
        boolean tenant = env.bool(METRICS_TENANT_LABEL, true);
        var tracing = TracingConfig.fromEnv(env);
        if (!env.problems().isEmpty()) {
            throw new InvalidConfigException(env.problems());
        }
        return new TelemetryConfig(content, tenant, tracing);
    }

    public TelemetryConfig withTracing(TracingConfig value) {
        return new TelemetryConfig(logContent, tenantLabel, value);
    }

    public TelemetryConfig withLogContent(boolean value) {
        return new TelemetryConfig(value, tenantLabel, tracing);
    }
}
