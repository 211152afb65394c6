package dev.mainstay.promptcache;

import java.util.List;
import java.util.Optional;

/**
 * Where one request carries {@code cache_control} markers, in prompt order: at most {@link #MAX_BREAKPOINTS}, no two
 * on the same item, and no 1-hour marker after a 5-minute one (the API's rules; it answers 400 otherwise).
 * Immutable.
 */
public record CachePlan(List<CacheBreakpoint> breakpoints) {
    /** The most {@code cache_control} markers the Messages API accepts in one request. */
    public static final int MAX_BREAKPOINTS = 4;
    /** No markers: nothing is cached. */
    public static final CachePlan NONE = new CachePlan(List.of());

    public CachePlan {
        breakpoints = List.copyOf(breakpoints);
        if (breakpoints.size() > MAX_BREAKPOINTS) {
            throw new IllegalArgumentException("a request may carry at most " + MAX_BREAKPOINTS
                    + " cache breakpoints, but the plan has " + breakpoints.size());
        }
        for (int i = 1; i < breakpoints.size(); i++) {
            var previous = breakpoints.get(i - 1);
            var current = breakpoints.get(i);
            if (order(previous) >= order(current)) {
                throw new IllegalArgumentException("cache breakpoints must be in prompt order, each on its own item: "
                        + previous + " then " + current);
            }
            if (previous.ttl() == CacheTtl.FIVE_MINUTES && current.ttl() == CacheTtl.ONE_HOUR) {
                throw new IllegalArgumentException(
                        "a 1-hour cache breakpoint must not follow a 5-minute one: " + previous + " then " + current);
            }
        }
    }

    public boolean isEmpty() {
        return breakpoints.isEmpty();
    }

    /** The TTL of the marker on tool {@code index}, if it has one. */
    public Optional<CacheTtl> onTool(int index) {
        return find(CacheBreakpoint.Section.TOOLS, index, 0);
    }

    /** The TTL of the marker on system block {@code index}, if it has one. */
    public Optional<CacheTtl> onSystem(int index) {
        return find(CacheBreakpoint.Section.SYSTEM, index, 0);
    }

    /** The TTL of the marker on block {@code block} of message {@code message}, if it has one. */
    public Optional<CacheTtl> onBlock(int message, int block) {
        return find(CacheBreakpoint.Section.MESSAGES, message, block);
    }

    /** Whether any marker sits in the messages (the plan caches the conversation, not only the static prefix). */
    public boolean marksMessages() {
        return breakpoints.stream().anyMatch(b -> b.section() == CacheBreakpoint.Section.MESSAGES);
    }

    private Optional<CacheTtl> find(CacheBreakpoint.Section section, int index, int block) {
        for (var breakpoint : breakpoints) {
            if (breakpoint.section() == section && breakpoint.index() == index && breakpoint.blockIndex() == block) {
                return Optional.of(breakpoint.ttl());
            }
        }
        return Optional.empty();
    }

    /** A sortable position: section, then index, then block (indexes are far below 2^20 in any real request). */
    private static long order(CacheBreakpoint b) {
        return ((long) b.section().ordinal() << 42) | ((long) b.index() << 20) | b.blockIndex();
    }
}
