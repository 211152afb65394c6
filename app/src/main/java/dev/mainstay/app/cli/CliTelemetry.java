package dev.mainstay.app.cli;

import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.telemetry.TelemetryConfig;
import dev.mainstay.telemetry.Traceparent;
import dev.mainstay.telemetry.Tracing;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Telemetry for the one-shot commands ({@code ask}, {@code demo}): the same {@code MAINSTAY_LOG_CONTENT} and
 * standard {@code OTEL_*} variables as {@code serve}, so a run started from a terminal or a CI job exports the same
 * {@code invoke_agent → chat / execute_tool} spans. A {@code TRACEPARENT} variable (the environment carrier of W3C
 * trace context that CI systems and wrapper scripts set) makes the run a child of the caller's span. Tracing is off,
 * and free, unless the variables turn it on. Closing flushes the spans still buffered before the process exits.
 */
final class CliTelemetry implements AutoCloseable {
    /** The environment carrier of the caller's trace context. */
    static final String TRACEPARENT = "TRACEPARENT";
    /** This process's name in spans ({@code service.instance.id}, {@code mainstay.node}). */
    static final String NODE = "cli";

    private final TelemetryConfig config;
    private final Tracing tracing;
    private final Optional<Traceparent> parent;

    private CliTelemetry(TelemetryConfig config, Tracing tracing, Optional<Traceparent> parent) {
        this.config = config;
        this.tracing = tracing;
        this.parent = parent;
    }

    /** Reads the telemetry settings; a bad value is an {@code InvalidConfigException} listing every problem. */
    static CliTelemetry start(Cli cli) {
        var config = TelemetryConfig.fromEnv(cli.env());
        var parent = Optional.ofNullable(cli.env().get(TRACEPARENT)).flatMap(Traceparent::parse);
        return new CliTelemetry(config, Tracing.start(config.tracing(), NODE), parent);
    }

    /** The runtime's options with this telemetry and {@code cli}'s notices. */
    RuntimeOptions options(Cli cli) {
        return RuntimeOptions.defaults().withNotices(cli::notice).withTelemetry(config).withTracing(tracing);
    }

    /** Runs {@code run} inside the caller's trace when {@code TRACEPARENT} names one. */
    <T> T within(Supplier<T> run) {
        return tracing.within(parent, run);
    }

    @Override
    public void close() {
        tracing.close();
    }
}
