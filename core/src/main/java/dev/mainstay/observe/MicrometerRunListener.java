package dev.mainstay.observe;

import dev.mainstay.event.ApprovalApplied;
import dev.mainstay.event.InjectionSuspected;
import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.PolicyDecided;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.TextDelta;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.run.RunStopReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns run events into Micrometer meters (names as Micrometer writes them; Prometheus shows {@code .} as {@code _}
 * and adds the unit and {@code _total}):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@code mainstay.runs.started}</td><td>counter</td><td>resumed, tenant*</td></tr>
 *   <tr><td>{@code mainstay.runs.finished}</td><td>counter</td><td>status, stop_reason, tenant*</td></tr>
 *   <tr><td>{@code mainstay.runs.active}</td><td>gauge</td><td>—</td></tr>
 *   <tr><td>{@code mainstay.run.duration}</td><td>timer, buckets {@link #RUN_BUCKETS}</td><td>status</td></tr>
 *   <tr><td>{@code mainstay.run.steps}</td><td>summary, buckets {@link #STEP_BUCKETS}</td><td>—</td></tr>
 *   <tr><td>{@code mainstay.run.cost.usd}</td><td>counter</td><td>status, tenant*</td></tr>
 *   <tr><td>{@code mainstay.prompt_cache.hit_ratio}</td><td>summary, buckets {@link #HIT_RATIO_BUCKETS}, per
 *       finished run that sent a prompt: {@link dev.mainstay.model.Usage#cacheHitRatio()}</td><td>—</td></tr>
 *   <tr><td>{@code mainstay.model.call.duration}</td><td>timer, buckets {@link #CALL_BUCKETS}</td><td>model,
 *       outcome ({@code ok} or the error code)</td></tr>
 *   <tr><td>{@code mainstay.model.tokens}</td><td>counter</td><td>model, kind (input, output, cache_write,
 *       cache_read), tenant*</td></tr>
 *   <tr><td>{@code mainstay.model.cost.usd}</td><td>counter</td><td>model, tenant*</td></tr>
 *   <tr><td>{@code mainstay.tool.call.duration}</td><td>timer, buckets {@link #TOOL_BUCKETS}</td><td>tool, outcome
 *       (ok, error, degraded), replayed</td></tr>
 *   <tr><td>{@code mainstay.policy.decisions}, {@code mainstay.policy.approvals},
 *       {@code mainstay.security.injection.suspected}</td><td>counter</td><td>verdict, rule / decision / tool</td></tr>
 * </table>
 *
 * <p>Cardinality is bounded: tag values come from Mainstay's closed sets (stop reasons, statuses, error codes) and
 * from configuration (model, tool and tenant names), never from user text, and never a run or user id. The
 * {@code tenant*} tag is there only when the tenant label is on (one series per tenant: switch it off for many
 * tenants); histograms never carry it. Thread-safe; never blocks.
 */
public final class MicrometerRunListener implements RunListener {
    public static final Duration[] RUN_BUCKETS = seconds(1, 2, 5, 10, 20, 30, 60, 120, 300);
    public static final Duration[] CALL_BUCKETS = seconds(0.25, 0.5, 1, 2, 5, 10, 20, 30, 60);
    public static final Duration[] TOOL_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30);
    public static final double[] STEP_BUCKETS = {1, 2, 3, 4, 6, 8, 12, 16, 25, 50};
    public static final double[] HIT_RATIO_BUCKETS = {0.1, 0.25, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
    /** The tag naming the tenant, when the tenant label is on. */
    public static final String TENANT_TAG = "tenant";

    private final MeterRegistry registry;
    private final boolean tenantLabel;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final DistributionSummary steps;
    private final DistributionSummary cacheHitRatio;
    // meters are looked up once per tag combination, not built again on every event
    private final Map<Object, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Object, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String name, Tags tags) {}

    /**
     * A meter's identity as the hot events look it up: its name, the tenant ({@code null} when untagged) and its
     * other tag pairs, as given. Cheap to build on every event, where {@link Tags} (sorted, merged) is not; the
     * meter's tags are built from it only the first time.
     */
    private static final class TagValues {
        private final String name;
        private final String tenant;
        private final String[] keyValues;
        private final int hash;

        TagValues(String name, String tenant, String[] keyValues) {
            this.name = name;
            this.tenant = tenant;
            this.keyValues = keyValues;
            this.hash = (name.hashCode() * 31 + Objects.hashCode(tenant)) * 31 + Arrays.hashCode(keyValues);
        }

        Tags tags() {
            var tags = Tags.of(keyValues);
            return tenant == null ? tags : tags.and(TENANT_TAG, tenant);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TagValues other && hash == other.hash && name.equals(other.name)
                    && Objects.equals(tenant, other.tenant) && Arrays.equals(keyValues, other.keyValues);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A listener with the tenant label on. */
    public MicrometerRunListener(MeterRegistry registry) {
        this(registry, true);
    }

    /** @param tenantLabel whether counters carry the {@code tenant} tag */
    public MicrometerRunListener(MeterRegistry registry, boolean tenantLabel) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tenantLabel = tenantLabel;
        registry.gauge("mainstay.runs.active", inFlight);
        this.steps = DistributionSummary.builder("mainstay.run.steps").description("model calls per finished run")
                .serviceLevelObjectives(STEP_BUCKETS).register(registry);
        this.cacheHitRatio = DistributionSummary.builder("mainstay.prompt_cache.hit_ratio")
                .description("share of a finished run's prompt tokens read from the prompt cache")
                .serviceLevelObjectives(HIT_RATIO_BUCKETS).register(registry);
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunStarted e -> {
                inFlight.incrementAndGet();
                counter("mainstay.runs.started", e, "resumed", e.resumed() ? "true" : "false").increment();
            }
            case RunFinished e -> {
                inFlight.decrementAndGet();
                var status = status(e.stopReason());
                counter("mainstay.runs.finished", e, "status", status, "stop_reason", e.stopReason().wire())
                        .increment();
                timer("mainstay.run.duration", RUN_BUCKETS, "status", status).record(e.duration());
                counter("mainstay.run.cost.usd", e, "status", status).increment(e.cost().pricedUsd().doubleValue());
                steps.record(e.steps());
                if (e.usage().promptTokens() > 0) {
                    cacheHitRatio.record(e.usage().cacheHitRatio());
                }
            }
            case ModelCallStarted e -> {
                // counted when it ends: started calls = finished + failed + in flight
            }
            case ModelCallFinished e -> {
                timer("mainstay.model.call.duration", CALL_BUCKETS, "model", e.model(), "outcome", "ok")
                        .record(e.duration());
                tokens(e, e.model(), "input", e.usage().inputTokens());
                tokens(e, e.model(), "output", e.usage().outputTokens());
                tokens(e, e.model(), "cache_write", e.usage().cacheCreationInputTokens());
                tokens(e, e.model(), "cache_read", e.usage().cacheReadInputTokens());
                counter("mainstay.model.cost.usd", e, "model", e.model())
                        .increment(e.cost().pricedUsd().doubleValue());
            }
            case ModelCallFailed e -> timer("mainstay.model.call.duration", CALL_BUCKETS, "model", e.model(),
                    "outcome", e.errorCode()).record(e.duration());
            case ToolCallStarted e -> {
                // counted when it ends, like model calls
            }
            case ToolCallFinished e -> timer("mainstay.tool.call.duration", TOOL_BUCKETS, "tool", e.tool(),
                    "outcome", e.degraded() ? "degraded" : e.isError() ? "error" : "ok",
                    "replayed", e.replayed() ? "true" : "false").record(e.duration());
            case TextDelta e -> {
                // too frequent to count usefully; streamed bytes are visible in the model call's tokens
            }
            case PolicyDecided e -> counter("mainstay.policy.decisions", Tags.of("verdict", e.verdict().kind(),
                    "rule", e.verdict().rule())).increment();
            case ApprovalApplied e -> counter("mainstay.policy.approvals",
                    Tags.of("decision", e.approved() ? "approve" : "deny")).increment();
            case InjectionSuspected e -> counter("mainstay.security.injection.suspected", Tags.of("tool", e.tool()))
                    .increment();
        }
    }

    /**
     * The status a run ends in, as the service shows it: {@code succeeded}, {@code failed}, {@code cancelled},
     * {@code stopped} (a limit or a refusal) — or, for a run that is not over, {@code handed_over} (this worker lost
     * the lease and another carries the run on, or it gave the run back to the queue) and {@code awaiting_approval} (paused for a person's decision).
     */
    public static String status(RunStopReason reason) {
        return switch (reason) {
            case COMPLETED -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            case LEASE_LOST, YIELDED -> "handed_over";
            case AWAITING_APPROVAL -> "awaiting_approval";
            case MAX_STEPS, MAX_TOKENS, DEADLINE_EXCEEDED, REFUSAL, BUDGET_EXCEEDED, POLICY_DENIED -> "stopped";
        };
    }

    private void tokens(RunEvent event, String model, String kind, long count) {
        if (count > 0) {
            counter("mainstay.model.tokens", event, "model", model, "kind", kind).increment(count);
        }
    }

    private Counter counter(String name, Tags tags) {
        return counters.computeIfAbsent(new Key(name, tags), k -> Counter.builder(name).tags(tags).register(registry));
    }

    /** The counter {@code name} with the tag pairs {@code keyValues}, and the event's tenant when the label is on. */
    private Counter counter(String name, RunEvent event, String... keyValues) {
        var key = new TagValues(name, tenantLabel ? event.tenantId() : null, keyValues);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(key.tags()).register(registry));
    }

    private Timer timer(String name, Duration[] buckets, String... keyValues) {
        var key = new TagValues(name, null, keyValues);
        return timers.computeIfAbsent(key, k -> Timer.builder(name).tags(key.tags()).serviceLevelObjectives(buckets)
                .register(registry));
    }

    private static Duration[] seconds(double... values) {
        var out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis(Math.round(values[i] * 1000));
        }
        return out;
    }
}
