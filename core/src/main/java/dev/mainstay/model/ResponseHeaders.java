package dev.mainstay.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The response headers of a failed call that policies act on ({@code retry-after}, {@code retry-after-ms},
 * {@code anthropic-ratelimit-*}, {@code x-should-retry}, {@code request-id}). Names are lower-cased. Only headers
 * in {@link #KEPT} are kept, so no credential-bearing header can travel into an error, a log or the journal.
 */
public record ResponseHeaders(Map<String, List<String>> values) {
    public static final ResponseHeaders EMPTY = new ResponseHeaders(Map.of());

    public ResponseHeaders {
        var copy = new TreeMap<String, List<String>>();
        values.forEach((name, vals) -> {
            var lower = name.toLowerCase(Locale.ROOT);
            if (isKept(lower)) {
                copy.put(lower, List.copyOf(vals));
            }
        });
        values = Map.copyOf(copy);
    }

    private static boolean isKept(String lowerName) {
        return lowerName.startsWith("anthropic-ratelimit-")
                || lowerName.equals("retry-after")
                || lowerName.equals("retry-after-ms")
                || lowerName.equals("x-should-retry")
                || lowerName.equals("request-id")
                || lowerName.equals("x-request-id");
    }

    /** Header name prefixes and names that are kept; everything else is dropped. */
    public static final List<String> KEPT =
            List.of("anthropic-ratelimit-*", "retry-after", "retry-after-ms", "x-should-retry", "request-id");

    public Optional<String> first(String name) {
        var vals = values.get(name.toLowerCase(Locale.ROOT));
        return vals == null || vals.isEmpty() ? Optional.empty() : Optional.of(vals.getFirst());
    }

    public static ResponseHeaders of(Map<String, List<String>> values) {
        return new ResponseHeaders(values);
    }
}
