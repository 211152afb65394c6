package dev.mainstay.costcontrol;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.TextBlock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link dev.mainstay.model.ModelChain.Slot#CACHE} link: an exact-match cache of whole model answers, per tenant,
 * for runs that opted in ({@link dev.mainstay.model.CallContext#responseCacheable()}). A call whose tenant and
 * normalised request ({@link ResponseCacheKey}) match a stored answer younger than the TTL is answered from the cache:
 * nothing goes further down the chain, nothing is billed, and the answer is marked
 * ({@link ModelOutcome.Answered#cacheHit()}) so the journal's step and the timeline say so. A streaming caller is
 * replayed the answer's text. Any other call goes on; its answer is stored when it is cacheable.
 *
 * <p>What is stored: complete answers that ask for no tools, stopped by {@code end_turn}, {@code stop_sequence} or
 * {@code max_tokens}. Not stored: answers with {@code tool_use} blocks — their tool_use ids are the idempotency keys
 * of side-effecting tools, so a replay into another run would have its tool call taken for the first run's —, refusals,
 * {@code pause_turn} (an unfinished server-tool turn), failures and refusals by a policy. The cache holds at most
 * {@link ResponseCacheConfig#maxEntries()} answers over all tenants (least recently used go first) and drops each
 * {@link ResponseCacheConfig#ttl()} after it was written. It sits behind BUDGET (a hit reserves nothing that is not
 * released at once) and in front of ROUTING, so a hit skips routing as it skips the provider; the key is taken on the
 * request as the run asked it.
 *
 * <p>Metrics: {@code mainstay.response_cache.lookups} counts calls by {@code outcome} — {@code hit}, {@code miss},
 * {@code bypass} (the run did not opt in) — and {@code mainstay.response_cache.entries} gauges the answers held.
 * No tenant or request label: the counters stay low-cardinality. Thread-safe: one instance serves every run.
 */
public final class ResponseCacheInterceptor implements ModelInterceptor {
    /** The stop reasons of answers that are stored. */
    private static final Set<StopReason> STORED = Set.of(StopReason.END_TURN, StopReason.STOP_SEQUENCE,
            StopReason.MAX_TOKENS);

    private final Cache<ResponseCacheKey, ModelResponse> cache;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    /**
     * A cache of {@code config}'s size and TTL, timed by {@code ticker} ({@link Ticker#systemTicker()} in production,
     * a fake in tests), counting lookups in {@code registry}.
     */
    public ResponseCacheInterceptor(ResponseCacheConfig config, Ticker ticker, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(registry, "registry");
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxEntries())
                .expireAfterWrite(config.ttl())
                .ticker(ticker)
                .executor(Runnable::run) // evictions on the caller's thread: no background thread, deterministic tests
                .build();
        this.hits = lookups(registry, "hit");
        this.misses = lookups(registry, "miss");
        this.bypasses = lookups(registry, "bypass");
        Gauge.builder("mainstay.response_cache.entries", cache, Cache::estimatedSize)
                .description("Model answers held in the response cache").register(registry);
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var request = chain.request();
        if (!context.responseCacheable()) {
            bypasses.increment();
            return chain.proceed(request);
        }
        var key = ResponseCacheKey.of(context.tenantId(), request);
        var stored = cache.getIfPresent(key);
        if (stored != null) {
            hits.increment();
            if (request.stream()) {
                replay(stored, context.observer());
            }
            return ModelOutcome.Answered.cachedHit(stored);
        }
        misses.increment();
        var outcome = chain.proceed(request);
        if (outcome instanceof ModelOutcome.Answered answered && !answered.cacheHit()
                && storable(answered.response())) {
            cache.put(key, answered.response());
        }
        return outcome;
    }

    /** Answers held now (an estimate, as Caffeine counts), for tests and diagnostics. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static boolean storable(ModelResponse response) {
        return STORED.contains(response.stopReason()) && response.toolUses().isEmpty()
                && !response.content().isEmpty();
    }

    /** Gives a streaming caller the stored answer as the provider's stream would have: text, then each block. */
    private static void replay(ModelResponse stored, StreamObserver observer) {
        var content = stored.content();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = content.get(i);
            if (block instanceof TextBlock text && !text.text().isEmpty()) {
                observer.onTextDelta(i, text.text());
            }
            observer.onBlockComplete(i, block);
        }
    }

    private static Counter lookups(MeterRegistry registry, String outcome) {
        return Counter.builder("mainstay.response_cache.lookups")
                .description("Model calls the response cache looked up, by outcome (hit, miss, bypass)")
                .tag("outcome", outcome).register(registry);
    }
}
