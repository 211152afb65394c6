package dev.mainstay.promptcache;

import java.util.Objects;
import java.util.Optional;

/**
 * Which parts of a request Mainstay marks for prompt caching, and with which TTL: the static prefix (tool definitions
 * and system prompt, the same on every call of an agent) and the conversation (the growing message history, the same
 * from one call of a run to the next). Immutable.
 *
 * <p>The static TTL is never shorter than the conversation's: the API requires 1-hour markers to come before
 * 5-minute ones, and the static prefix comes first.
 *
 * @param staticPrefix the TTL of the markers on the last tool and on the system prompt; empty for none
 * @param conversation the TTL of the markers on the conversation; empty for none
 */
public record PromptCachePolicy(Optional<CacheTtl> staticPrefix, Optional<CacheTtl> conversation) {
    /** Nothing marked: every token is sent and billed as plain input. */
    public static final PromptCachePolicy OFF = new PromptCachePolicy(Optional.empty(), Optional.empty());

    public PromptCachePolicy {
        Objects.requireNonNull(staticPrefix, "staticPrefix");
        Objects.requireNonNull(conversation, "conversation");
        if (staticPrefix.isPresent() && conversation.isPresent()
                && staticPrefix.get().duration().compareTo(conversation.get().duration()) < 0) {
            throw new IllegalArgumentException("the static prefix's TTL (" + staticPrefix.get().wire()
                    + ") must not be shorter than the conversation's (" + conversation.get().wire()
                    + "): the API requires 1-hour markers before 5-minute ones");
        }
    }

    /** Both parts marked with {@code ttl}. */
    public static PromptCachePolicy both(CacheTtl ttl) {
        return new PromptCachePolicy(Optional.of(ttl), Optional.of(ttl));
    }

    /**
     * The automatic policy: the conversation with the 5-minute TTL (the next call of a run follows within seconds,
     * and each read restarts the TTL), the static prefix with the 1-hour TTL when {@code longLived} (a service that
     * keeps serving the agent: its tools and system prompt are shared by every run, across lulls longer than five
     * minutes), else with the 5-minute TTL (a one-off run: the 1-hour write's 2× would not pay back).
     */
    public static PromptCachePolicy auto(boolean longLived) {
        return new PromptCachePolicy(
                Optional.of(longLived ? CacheTtl.ONE_HOUR : CacheTtl.FIVE_MINUTES), Optional.of(CacheTtl.FIVE_MINUTES));
    }

    public boolean isOff() {
        return staticPrefix.isEmpty() && conversation.isEmpty();
    }

    @Override
    public String toString() {
        return isOff() ? "off" : "static " + staticPrefix.map(CacheTtl::wire).orElse("off") + ", conversation "
                + conversation.map(CacheTtl::wire).orElse("off");
    }
}
