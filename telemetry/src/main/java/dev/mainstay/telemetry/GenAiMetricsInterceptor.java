package dev.mainstay.telemetry;

import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Usage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenTelemetry GenAI client metrics, one observation per model call <em>attempt</em> (it sits in the model
 * chain's TELEMETRY slot, so retries and fallback endpoints are each counted — what the provider saw):
 *
 * <ul>
 *   <li>{@code gen_ai.client.operation.duration} (seconds; the conventions' buckets): tags
 *       {@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model},
 *       {@code gen_ai.response.model}, {@code error.type} ({@code none} on success, else the error's code);
 *   <li>{@code gen_ai.client.token.usage} (tokens): the same tags but {@code error.type}, plus
 *       {@code gen_ai.token.type}: {@code input} (everything the model read, cache included, as the conventions
 *       say), {@code output}, and the parts of input served from the prompt cache ({@code cache_read}) and written
 *       to it ({@code cache_creation}). Do not add the cache types to {@code input}: they are inside it. The
 *       prompt-cache hit ratio is {@code cache_read / input}.
 * </ul>
 *
 * Prometheus writes them {@code gen_ai_client_operation_duration_seconds_*} and {@code gen_ai_client_token_usage_*}.
 * Tag values are endpoint-derived provider names and model ids: bounded by configuration. Thread-safe.
 */
public final class GenAiMetricsInterceptor implements ModelInterceptor {
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92};
    static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864};

    private final MeterRegistry registry;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Tags, DistributionSummary> summaries = new ConcurrentHashMap<>();

    public GenAiMetricsInterceptor(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var request = chain.request();
        var provider = GenAi.provider(context.endpoint());
        long start = System.nanoTime();
        try {
            var outcome = chain.proceed(request, context);
            if (outcome instanceof ModelOutcome.Answered answered) {
                var response = answered.response();
                var tags = Tags.of(GenAi.OPERATION, GenAi.OP_CHAT, GenAi.PROVIDER, provider, GenAi.REQUEST_MODEL,
                        request.model(), GenAi.RESPONSE_MODEL, response.model());
                duration(tags.and(GenAi.ERROR_TYPE, "none"), start);
                tokens(tags, response.usage());
            }
            return outcome;
        } catch (ModelException e) {
            duration(Tags.of(GenAi.OPERATION, GenAi.OP_CHAT, GenAi.PROVIDER, provider, GenAi.REQUEST_MODEL,
                    request.model(), GenAi.RESPONSE_MODEL, request.model(), GenAi.ERROR_TYPE, e.code()), start);
            throw e;
        }
    }

    private void duration(Tags tags, long startNanos) {
        timers.computeIfAbsent(tags, t -> Timer.builder(GenAi.METRIC_OPERATION_DURATION).tags(t)
                .description("GenAI operation duration, per attempt").serviceLevelObjectives(seconds(DURATION_BUCKETS))
                .register(registry)).record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private void tokens(Tags tags, Usage usage) {
        record(tags, "input", GenAi.inputTokens(usage));
        record(tags, "output", usage.outputTokens());
        record(tags, "cache_read", usage.cacheReadInputTokens());
        record(tags, "cache_creation", usage.cacheCreationInputTokens());
    }

    private void record(Tags tags, String type, long count) {
        summaries.computeIfAbsent(tags.and(GenAi.TOKEN_TYPE, type), t -> DistributionSummary
                .builder(GenAi.METRIC_TOKEN_USAGE).tags(t).description("GenAI tokens, per attempt")
                .serviceLevelObjectives(TOKEN_BUCKETS).register(registry)).record(count);
    }

    private static Duration[] seconds(double[] values) {
        var out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }
}
