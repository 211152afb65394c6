package dev.mainstay.sim.internal;

/**
 * Where a request put a {@code cache_control} marker. The cached prefix runs, in the API's order (tools, system,
 * messages), up to and including the marked item.
 *
 * @param section which part of the request holds the marker
 * @param index the tool, system block or message index
 * @param blockIndex within a message, the content block index; 0 for tools and system blocks
 */
public record CacheBreakpoint(Section section, int index, int blockIndex) {
    public enum Section {
        TOOLS,
        SYSTEM,
        MESSAGES
    }
}
