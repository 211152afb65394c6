package dev.mainstay.promptcache;

import java.util.Objects;

/**
 * One {@code cache_control} marker: the prompt prefix up to and including the marked item, in the API's order
 * (tools, then system, then messages), is cached with {@code ttl}.
 *
 * @param section which part of the request holds the marker
 * @param index the tool, system block or message index
 * @param blockIndex within a message, the content block index; 0 for tools and system blocks
 * @param ttl how long the entry lives after its last use
 */
public record CacheBreakpoint(Section section, int index, int blockIndex, CacheTtl ttl) {
    /** The parts of a request, in the order the API renders them into the prompt. */
    public enum Section {
        TOOLS,
        SYSTEM,
        MESSAGES
    }

    public CacheBreakpoint {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(ttl, "ttl");
        if (index < 0 || blockIndex < 0) {
            throw new IllegalArgumentException("breakpoint indexes must not be negative, but were " + index + ", "
                    + blockIndex);
        }
        if (section != Section.MESSAGES && blockIndex != 0) {
            throw new IllegalArgumentException("only a message breakpoint has a block index, but was " + blockIndex);
        }
    }

    /** A marker on tool {@code index}. */
    public static CacheBreakpoint tool(int index, CacheTtl ttl) {
        return new CacheBreakpoint(Section.TOOLS, index, 0, ttl);
    }

    /** A marker on system block {@code index}. */
    public static CacheBreakpoint system(int index, CacheTtl ttl) {
        return new CacheBreakpoint(Section.SYSTEM, index, 0, ttl);
    }

    /** A marker on content block {@code block} of message {@code message}. */
    public static CacheBreakpoint block(int message, int block, CacheTtl ttl) {
        return new CacheBreakpoint(Section.MESSAGES, message, block, ttl);
    }

    /** Whether this marker sits on the same item as {@code other}, whatever the TTLs. */
    public boolean samePlaceAs(CacheBreakpoint other) {
        return section == other.section && index == other.index && blockIndex == other.blockIndex;
    }
}
