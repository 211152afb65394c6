package dev.mainstay.sim.internal;

import java.util.Map;

/**
 * The minimum cacheable prompt length per model: a prefix shorter than this is processed without caching (no error,
 * no write, no read). Models are matched by the longest listed prefix of their id, so dated ids
 * ({@code claude-sonnet-4-5-20250929}) find their family; an unlisted model gets {@link #DEFAULT}.
 *
 * <p>Figures as Anthropic's prompt-caching documentation and the gateways that mirror it state them (December
 * 2026): 4,096 for Opus 4.5–4.7 and Haiku 4.5, 2,048 for the Claude 3 Haikus, 1,024 for the Sonnets and the other
 * Opus 4 models, 512 for the Opus 5, Fable 5 and Mythos 5 families. Haiku 5.5 is not published; it is taken to
 * be like Haiku 4.5.
 */
final class CacheMinimums {
    /** The minimum of a model not listed. */
    static final long DEFAULT = 1_024;

    private static final Map<String, Long> BY_PREFIX = Map.ofEntries(
            Map.entry("claude-opus-4-5", 4_096L),
            Map.entry("claude-opus-4-6", 4_096L),
            Map.entry("claude-opus-4-7", 4_096L),
            Map.entry("claude-haiku-4-5", 4_096L),
            Map.entry("claude-haiku-5", 4_096L),
            Map.entry("claude-3-5-haiku", 2_048L),
            Map.entry("claude-3-haiku", 2_048L),
            Map.entry("claude-opus-4", 1_024L),
            Map.entry("claude-sonnet", 1_024L),
            Map.entry("claude-3-7-sonnet", 1_024L),
            Map.entry("claude-opus-5", 512L),
            Map.entry("claude-fable-5", 512L),
            Map.entry("claude-mythos-5", 512L));

    private CacheMinimums() {}

    /** The fewest tokens a prefix of a request for {@code model} needs to be cached. */
    static long forModel(String model) {
        String best = null;
        for (var prefix : BY_PREFIX.keySet()) {
            if (model.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? DEFAULT : BY_PREFIX.get(best);
    }
}
