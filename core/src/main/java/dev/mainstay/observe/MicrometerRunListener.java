package dev.mainstay.observe;

import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.TextDelta;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns run events into Micrometer metrics: runs by stop reason, model calls by model and outcome, tokens by kind,
 * cost, tool calls by tool and outcome, durations, and runs in flight. Tag values come from Mainstay's own closed
 * sets (stop reasons, error codes, tool and model names), never from user text, so cardinality stays bounded.
 */
public final class MicrometerRunListener implements RunListener {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    public MicrometerRunListener(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("mainstay.runs.active", inFlight);
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunStarted e -> {
                inFlight.incrementAndGet();
                Counter.builder("mainstay.runs.started").tag("resumed", String.valueOf(e.resumed()))
                        .register(registry).increment();
            }
            case RunFinished e -> {
                inFlight.decrementAndGet();
                Timer.builder("mainstay.run.duration").tag("stop_reason", e.stopReason().wire())
                        .register(registry).record(e.duration());
                Counter.builder("mainstay.run.cost.usd").tag("stop_reason", e.stopReason().wire())
                        .register(registry).increment(e.costUsd().doubleValue());
            }
            case ModelCallStarted e -> {
                // counted when it ends: started calls = finished + failed + in flight
            }
            case ModelCallFinished e -> {
                Timer.builder("mainstay.model.call.duration").tag("model", e.model()).tag("outcome", "ok")
                        .register(registry).record(e.duration());
                tokens(e.model(), "input", e.usage().inputTokens());
                tokens(e.model(), "output", e.usage().outputTokens());
                tokens(e.model(), "cache_write", e.usage().cacheCreationInputTokens());
                tokens(e.model(), "cache_read", e.usage().cacheReadInputTokens());
                Counter.builder("mainstay.model.cost.usd").tag("model", e.model()).register(registry)
                        .increment(e.costUsd().doubleValue());
            }
            case ModelCallFailed e -> Timer.builder("mainstay.model.call.duration").tag("model", e.model())
                    .tag("outcome", e.errorCode()).register(registry).record(e.duration());
            case ToolCallStarted e -> {
                // counted when it ends, like model calls
            }
            case ToolCallFinished e -> Timer.builder("mainstay.tool.call.duration").tag("tool", e.tool())
                    .tag("outcome", e.degraded() ? "degraded" : e.isError() ? "error" : "ok")
                    .tag("replayed", String.valueOf(e.replayed())).register(registry).record(e.duration());
            case TextDelta e -> {
                // too frequent to count usefully; streamed bytes are visible in the model call's tokens
            }
        }
    }

    private void tokens(String model, String kind, long count) {
        if (count > 0) {
            Counter.builder("mainstay.model.tokens").tag("model", model).tag("kind", kind).register(registry)
                    .increment(count);
        }
    }
}
