package dev.mainstay.observe;

import dev.mainstay.event.ApprovalApplied;
import dev.mainstay.event.InjectionSuspected;
import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.PolicyDecided;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.TextDelta;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns run events into Micrometer metrics: runs by stop reason, model calls by model and outcome, tokens by kind,
 * cost, tool calls by tool and outcome, durations, runs in flight, and security: policy decisions by verdict and
 * rule, approvals by decision, suspected injections by tool. Tag values come from Mainstay's own closed
 * sets (stop reasons, error codes, tool and model names), never from user text, so cardinality stays bounded.
 */
public final class MicrometerRunListener implements RunListener {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    // meters are looked up once per tag combination, not built again on every event
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    private final Map<ToolTimerKey, Timer> toolTimers = new ConcurrentHashMap<>();

    private record MeterKey(String name, String tag1, String value1, String tag2, String value2) {}

    private record ToolTimerKey(String tool, String outcome, boolean replayed) {}

    public MicrometerRunListener(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("mainstay.runs.active", inFlight);
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunStarted e -> {
                inFlight.incrementAndGet();
                counter("mainstay.runs.started", "resumed", String.valueOf(e.resumed()), null, null).increment();
            }
            case RunFinished e -> {
                inFlight.decrementAndGet();
                timer("mainstay.run.duration", "stop_reason", e.stopReason().wire(), null, null).record(e.duration());
                counter("mainstay.run.cost.usd", "stop_reason", e.stopReason().wire(), null, null)
                        .increment(e.cost().pricedUsd().doubleValue());
            }
            case ModelCallStarted e -> {
                // counted when it ends: started calls = finished + failed + in flight
            }
            case ModelCallFinished e -> {
                timer("mainstay.model.call.duration", "model", e.model(), "outcome", "ok").record(e.duration());
                tokens(e.model(), "input", e.usage().inputTokens());
                tokens(e.model(), "output", e.usage().outputTokens());
                tokens(e.model(), "cache_write", e.usage().cacheCreationInputTokens());
                tokens(e.model(), "cache_read", e.usage().cacheReadInputTokens());
                counter("mainstay.model.cost.usd", "model", e.model(), null, null).increment(e.cost().pricedUsd().doubleValue());
            }
            case ModelCallFailed e -> timer("mainstay.model.call.duration", "model", e.model(), "outcome", e.errorCode())
                    .record(e.duration());
            case ToolCallStarted e -> {
                // counted when it ends, like model calls
            }
            case ToolCallFinished e -> toolTimer(e.tool(), e.degraded() ? "degraded" : e.isError() ? "error" : "ok",
                    e.replayed()).record(e.duration());
            case TextDelta e -> {
                // too frequent to count usefully; streamed bytes are visible in the model call's tokens
            }
            case PolicyDecided e -> counter("mainstay.policy.decisions", "verdict", e.verdict().kind(), "rule",
                    e.verdict().rule()).increment();
            case ApprovalApplied e -> counter("mainstay.policy.approvals", "decision", e.approved() ? "approve" : "deny",
                    null, null).increment();
            case InjectionSuspected e -> counter("mainstay.security.injection.suspected", "tool", e.tool(), null, null)
                    .increment();
        }
    }

    private void tokens(String model, String kind, long count) {
        if (count > 0) {
            counter("mainstay.model.tokens", "model", model, "kind", kind).increment(count);
        }
    }

    private Timer timer(String name, String tag1, String value1, String tag2, String value2) {
        return timers.computeIfAbsent(new MeterKey(name, tag1, value1, tag2, value2), k -> {
            var builder = Timer.builder(k.name()).tag(k.tag1(), k.value1());
            return (k.tag2() == null ? builder : builder.tag(k.tag2(), k.value2())).register(registry);
        });
    }

    private Counter counter(String name, String tag1, String value1, String tag2, String value2) {
        return counters.computeIfAbsent(new MeterKey(name, tag1, value1, tag2, value2), k -> {
            var builder = Counter.builder(k.name()).tag(k.tag1(), k.value1());
            return (k.tag2() == null ? builder : builder.tag(k.tag2(), k.value2())).register(registry);
        });
    }

    private Timer toolTimer(String tool, String outcome, boolean replayed) {
        return toolTimers.computeIfAbsent(new ToolTimerKey(tool, outcome, replayed),
                k -> Timer.builder("mainstay.tool.call.duration").tag("tool", tool).tag("outcome", outcome)
                        .tag("replayed", String.valueOf(replayed)).register(registry));
    }
}
