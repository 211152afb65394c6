package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TokenEstimator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emulates prompt caching. Each {@code cache_control} marker closes a prefix of the request (tools, then system,
 * then messages, per model). A prefix seen before is read from the cache; the prefix at the last marker, when not
 * seen before, is written. So the first request with a given prefix reports its tokens as
 * {@code cache_creation_input_tokens}, the next as {@code cache_read_input_tokens}, and {@code input_tokens} is the
 * rest. Unlike the real API there is no minimum cacheable length and no expiry other than eviction: the cache keeps
 * the most recently used {@code capacity} prefixes. Thread-safe.
 */
public final class PromptCache {
    /** The default number of prefixes kept. */
    public static final int DEFAULT_CAPACITY = 4_096;

    private final Map<String, Boolean> seen;

    public PromptCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        this.seen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Token split of one request's input. */
    public record CacheUsage(long inputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {}

    /** Accounts one request against the cache and records its prefixes as seen. */
    public CacheUsage account(WireRequest wire) {
        var request = wire.request();
        long total = TokenEstimator.estimateInput(request);
        if (wire.breakpoints().isEmpty()) {
            return new CacheUsage(total, 0, 0);
        }
        var prefixes = new ArrayList<Prefix>();
        for (var breakpoint : wire.breakpoints()) {
            prefixes.add(prefix(wire, breakpoint));
        }
        synchronized (seen) {
            long read = 0;
            for (int i = prefixes.size() - 1; i >= 0; i--) {
                if (seen.containsKey(prefixes.get(i).hash())) {
                    read = prefixes.get(i).tokens();
                    break;
                }
            }
            var last = prefixes.getLast();
            long created = seen.containsKey(last.hash()) ? 0 : Math.max(0, last.tokens() - read);
            for (var prefix : prefixes) {
                seen.put(prefix.hash(), Boolean.TRUE);
            }
            return new CacheUsage(total - read - created, created, read);
        }
    }

    public void clear() {
        synchronized (seen) {
            seen.clear();
        }
    }

    private record Prefix(String hash, long tokens) {}

    private static Prefix prefix(WireRequest wire, CacheBreakpoint breakpoint) {
        var request = wire.request();
        var parts = new LinkedHashMap<String, Object>();
        parts.put("model", request.model());
        long tokens = TokenEstimator.REQUEST_OVERHEAD;
        switch (breakpoint.section()) {
            case TOOLS -> {
                var tools = request.tools().subList(0, breakpoint.index() + 1);
                parts.put("tools", tools);
                tokens += TokenEstimator.estimateTools(tools);
            }
            case SYSTEM -> {
                var system = String.join("\n", wire.systemBlocks().subList(0, breakpoint.index() + 1));
                parts.put("tools", request.tools());
                parts.put("system", system);
                tokens += TokenEstimator.estimateTools(request.tools()) + TokenEstimator.estimateSystem(system);
            }
            case MESSAGES -> {
                var messages = messagesUpTo(request, breakpoint.index(), breakpoint.blockIndex());
                parts.put("tools", request.tools());
                parts.put("system", request.system());
                parts.put("messages", messages);
                tokens += TokenEstimator.estimateTools(request.tools())
                        + TokenEstimator.estimateSystem(request.system());
                for (var message : messages) {
                    tokens += TokenEstimator.estimateMessage(message);
                }
            }
        }
        return new Prefix(sha256(Json.write(parts)), tokens);
    }

    private static List<Message> messagesUpTo(ModelRequest request, int messageIndex, int blockIndex) {
        var messages = new ArrayList<>(request.messages().subList(0, messageIndex));
        var marked = request.messages().get(messageIndex);
        messages.add(new Message(marked.role(), marked.content().subList(0, blockIndex + 1)));
        return messages;
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
