package dev.mainstay.sim.internal;

import dev.mainstay.model.ModelRequest;
import dev.mainstay.promptcache.CacheBreakpoint;
import java.util.List;
import java.util.Objects;

/**
 * A Messages API request body read into Mainstay's types, plus what those types do not carry: the system prompt's
 * separate blocks, where the {@code cache_control} markers were, and the options that shape the reply.
 *
 * @param request the request as the brain sees it; {@code system} is the system blocks joined by newlines
 * @param systemBlocks the system prompt's text blocks in order (one for a string system prompt, none for none)
 * @param breakpoints the cache markers in prefix order
 * @param options {@code tool_choice}, {@code stop_sequences} and {@code thinking}
 */
public record WireRequest(
        ModelRequest request, List<String> systemBlocks, List<CacheBreakpoint> breakpoints,
        GenerationOptions options) {
    public WireRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        systemBlocks = List.copyOf(systemBlocks);
        breakpoints = List.copyOf(breakpoints);
    }
}
