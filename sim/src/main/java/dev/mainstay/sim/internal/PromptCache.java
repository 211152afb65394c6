package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.promptcache.CacheBreakpoint;
import dev.mainstay.promptcache.CacheTtl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Emulates prompt caching by the Messages API's rules, so that savings measured on the simulator are the savings on
 * Claude:
 *
 * <ul>
 *   <li><b>prefix match</b>: each {@code cache_control} marker closes a prefix of the request, in the API's order
 *       (tools, system, messages) and per model. A request reads the longest live prefix it finds, looking at each
 *       marker and at the {@value #LOOKBACK_BLOCKS} block boundaries before it;
 *   <li><b>writes</b>: every marker after the prefix read writes its prefix, and each token is written once, at the
 *       TTL of the first marker after it (so tokens before a 1-hour marker are 1-hour writes, the rest 5-minute
 *       writes: the {@code cache_creation} split);
 *   <li><b>minimum cacheable length</b> per model ({@link CacheMinimums}): a shorter prefix is neither written nor
 *       read, and its tokens fall to the next marker;
 *   <li><b>TTL</b> on the simulator's clock: an entry lives for its TTL after its last use, and every read starts it
 *       again. The most recently used {@code capacity} entries are kept.
 * </ul>
 *
 * <p>Token counts are {@link TokenEstimator}'s, the same the simulator reports as usage, so the three parts always
 * add up to the request's input. Prefixes are identified by a chain of SHA-256 digests over the blocks, so every
 * block boundary has an identity at the cost of hashing each block once (a list of tools once, while it is among
 * the last {@value #TOOL_LISTS} seen). Thread-safe.
 */
public final class PromptCache {
    /** The default number of entries kept. */
    public static final int DEFAULT_CAPACITY = 4_096;
    /** How many block boundaries before a marker the API checks for an earlier entry. */
    public static final int LOOKBACK_BLOCKS = 20;
    /** How many distinct tool lists have their digests and tokens kept. */
    static final int TOOL_LISTS = 64;

    private final InstantSource clock;
    private final Map<String, CacheEntry> entries;
    private final Map<ToolsKey, ToolsPrefix> toolLists = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ToolsKey, ToolsPrefix> eldest) {
            return size() > TOOL_LISTS;
        }
    };

    public PromptCache(int capacity, InstantSource clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CacheEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** One cached prefix: its TTL and when it expires unless read again. */
    private record CacheEntry(CacheTtl ttl, Instant expires) {}

    /** Token split of one request's input; the four parts add up to the whole input. */
    public record CacheUsage(long inputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
            long cacheReadInputTokens) {
        public long cacheCreationInputTokens() {
            return cacheWrite5mTokens + cacheWrite1hTokens;
        }
    }

    /** Accounts one request against the cache: reads, refreshes and writes entries. */
    public CacheUsage account(WireRequest wire) {
        var request = wire.request();
        var tools = toolsPrefix(request.model(), request.tools());
        // TokenEstimator.estimateInput, with the tools counted once per distinct list
        long total = tools.tokensAfter() + TokenEstimator.estimateSystem(request.system());
        for (var message : request.messages()) {
            total += TokenEstimator.estimateMessage(message);
        }
        if (wire.breakpoints().isEmpty()) {
            return new CacheUsage(total, 0, 0, 0);
        }
        var positions = Positions.of(wire, tools);
        var marks = new ArrayList<Integer>();
        for (var breakpoint : wire.breakpoints()) {
            marks.add(positions.at(breakpoint));
        }
        long minimum = CacheMinimums.forModel(request.model());
        synchronized (entries) {
            var now = clock.instant();
            int hit = -1;
            for (int mark : marks) {
                for (int p = mark; p >= Math.max(0, mark - LOOKBACK_BLOCKS) && p > hit; p--) {
                    if (live(positions.hash(p), now) != null) {
                        hit = p;
                        break;
                    }
                }
            }
            long covered = 0;
            if (hit >= 0) {
                covered = positions.tokens(hit);
                refresh(positions.hash(hit), null, now);
            }
            long fiveMinutes = 0;
            long oneHour = 0;
            for (int i = 0; i < marks.size(); i++) {
                int mark = marks.get(i);
                var ttl = wire.breakpoints().get(i).ttl();
                if (mark <= hit) {
                    refresh(positions.hash(mark), ttl, now); // a marker on a prefix read: its entry is used too
                    continue;
                }
                long tokens = positions.tokens(mark);
                if (tokens < minimum || tokens <= covered) {
                    continue; // too short to cache: these tokens go to the next marker, or stay input
                }
                if (ttl == CacheTtl.ONE_HOUR) {
                    oneHour += tokens - covered;
                } else {
                    fiveMinutes += tokens - covered;
                }
                covered = tokens;
                entries.put(positions.hash(mark), new CacheEntry(ttl, now.plus(ttl.duration())));
            }
            long read = hit >= 0 ? positions.tokens(hit) : 0;
            return new CacheUsage(total - covered, fiveMinutes, oneHour, read);
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /**
     * The prefix digests and tokens of a model's tool list, computed once per distinct list (by value) of the last
     * {@value #TOOL_LISTS} seen: an agent declares the same tools on every call, and serialising and hashing every
     * schema again was most of this class's cost.
     */
    private ToolsPrefix toolsPrefix(String model, List<ToolDefinition> tools) {
        var key = new ToolsKey(model, tools);
        synchronized (toolLists) {
            var known = toolLists.get(key);
            if (known != null) {
                return known;
            }
        }
        var computed = ToolsPrefix.of(model, tools);
        synchronized (toolLists) {
            toolLists.put(new ToolsKey(model, List.copyOf(tools)), computed);
        }
        return computed;
    }

    private record ToolsKey(String model, List<ToolDefinition> tools) {}

    /**
     * The digest chain over a model's tools: {@code hashes} and {@code tokens} at each tool's end, {@code digest}
     * after the last (the model's own when there is none) and the request's tokens up to there.
     */
    private record ToolsPrefix(List<String> hashes, List<Long> tokens, String digest, long tokensAfter) {
        static ToolsPrefix of(String model, List<ToolDefinition> tools) {
            var hasher = new Hasher();
            var hashes = new ArrayList<String>();
            var tokens = new ArrayList<Long>();
            var digest = hasher.next(model, "");
            long running = TokenEstimator.REQUEST_OVERHEAD;
            for (int i = 0; i < tools.size(); i++) {
                running += (i == 0 ? TokenEstimator.TOOLS_PREAMBLE : 0) + TokenEstimator.estimateTool(tools.get(i));
                digest = hasher.next(digest, "tool:" + Json.write(tools.get(i)));
                hashes.add(digest);
                tokens.add(running);
            }
            return new ToolsPrefix(List.copyOf(hashes), List.copyOf(tokens), digest, running);
        }
    }

    /** The live entry for {@code hash}; an expired one is dropped. */
    private CacheEntry live(String hash, Instant now) {
        var entry = entries.get(hash);
        if (entry != null && !now.isBefore(entry.expires())) {
            entries.remove(hash);
            return null;
        }
        return entry;
    }

    /** Starts the entry's TTL again, raised to {@code ttl} when the request marks it longer-lived. */
    private void refresh(String hash, CacheTtl ttl, Instant now) {
        var entry = entries.get(hash);
        if (entry == null) {
            return;
        }
        var kept = ttl != null && ttl.duration().compareTo(entry.ttl().duration()) > 0 ? ttl : entry.ttl();
        entries.put(hash, new CacheEntry(kept, now.plus(kept.duration())));
    }

    /**
     * Every block boundary of a request, in prompt order (each tool, each system block, each message block), with
     * the digest of the prefix that ends there and its tokens.
     */
    private record Positions(List<String> hashes, List<Long> tokens, int toolStart, int systemStart,
            List<Integer> messageStarts) {

        static Positions of(WireRequest wire, ToolsPrefix tools) {
            var request = wire.request();
            var hasher = new Hasher();
            var hashes = new ArrayList<String>(tools.hashes());
            var tokens = new ArrayList<Long>(tools.tokens());
            var digest = tools.digest();
            int systemStart = hashes.size();
            long afterTools = tools.tokensAfter();
            var blocks = wire.systemBlocks();
            for (int i = 0; i < blocks.size(); i++) {
                digest = hasher.next(digest, "system:" + blocks.get(i));
                hashes.add(digest);
                tokens.add(afterTools + TokenEstimator.estimateSystem(String.join("\n", blocks.subList(0, i + 1))));
            }
            long running = afterTools + TokenEstimator.estimateSystem(request.system());
            var messageStarts = new ArrayList<Integer>();
            for (var message : request.messages()) {
                messageStarts.add(hashes.size());
                running += TokenEstimator.MESSAGE_OVERHEAD;
                var content = message.content();
                for (int j = 0; j < content.size(); j++) {
                    running += TokenEstimator.estimateBlock(content.get(j));
                    var label = j == 0 ? message.role().name() + ":" : "+:";
                    digest = hasher.next(digest, label + Json.write(content.get(j)));
                    hashes.add(digest);
                    tokens.add(running);
                }
            }
            return new Positions(hashes, tokens, 0, systemStart, messageStarts);
        }

        int at(CacheBreakpoint breakpoint) {
            return switch (breakpoint.section()) {
                case TOOLS -> toolStart + breakpoint.index();
                case SYSTEM -> systemStart + breakpoint.index();
                case MESSAGES -> messageStarts.get(breakpoint.index()) + breakpoint.blockIndex();
            };
        }

        String hash(int position) {
            return hashes.get(position);
        }

        long tokens(int position) {
            return tokens.get(position);
        }
    }

    /** SHA-256 over a previous digest and a block, with one {@link MessageDigest} per request. */
    private static final class Hasher {
        private final MessageDigest digest;

        Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        String next(String previous, String block) {
            digest.update(previous.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(block.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()); // digest() resets it for the next block
        }
    }
}
