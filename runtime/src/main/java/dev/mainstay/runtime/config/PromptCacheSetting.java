package dev.mainstay.runtime.config;

import dev.mainstay.promptcache.PromptCacheMode;
import dev.mainstay.promptcache.PromptCachePolicy;
import java.util.Objects;

/**
 * The prompt-caching setting ({@code MAINSTAY_PROMPT_CACHE}) and the kind of host that runs the agent, which
 * together give the policy the Claude client places markers by.
 *
 * @param mode {@code auto}, {@code off}, {@code 5m} or {@code 1h}
 * @param longLived whether the host keeps serving the agent (the service): then {@code auto} caches the tools and
 *     system prompt for an hour; a command-line run is not long-lived
 */
public record PromptCacheSetting(PromptCacheMode mode, boolean longLived) {
    /** {@code auto} in a one-off host. */
    public static final PromptCacheSetting DEFAULT = new PromptCacheSetting(PromptCacheMode.DEFAULT, false);

    public PromptCacheSetting {
        Objects.requireNonNull(mode, "mode");
    }

    /** This setting in a host that keeps serving the agent. */
    public PromptCacheSetting inLongLivedHost() {
        return new PromptCacheSetting(mode, true);
    }

    public PromptCachePolicy policy() {
        return mode.policy(longLived);
    }
}
