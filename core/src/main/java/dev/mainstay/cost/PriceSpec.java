package dev.mainstay.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the price override format of {@link PriceTable#withOverrides}: comma-separated entries
 * {@code prefix=input/output[;option=value...]}, USD per million tokens. Options: {@code cache_write_5m},
 * {@code cache_write_1h}, {@code cache_read} (USD per million tokens; default 1.25×, 2× and 0.1× input),
 * {@code long_context=threshold:inputMultiplier:outputMultiplier} and {@code web_search_per_1k} (USD per 1,000
 * searches; default 10). Every malformed entry is reported, not only the first.
 */
final class PriceSpec {
    private static final Pattern ENTRY = Pattern.compile("([^=\\s;]+)=([0-9]+(?:\\.[0-9]+)?)/([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
    private static final Pattern LONG_CONTEXT = Pattern.compile("([0-9]+):([0-9]+(?:\\.[0-9]+)?):([0-9]+(?:\\.[0-9]+)?)");

    private PriceSpec() {}

    /** The prices {@code spec} sets, by prefix, in the order given. */
    static Map<String, ModelPrice> parse(String spec) {
        var prices = new LinkedHashMap<String, ModelPrice>();
        var problems = new ArrayList<String>();
        for (var raw : spec.split(",")) {
            var entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            var parts = entry.split(";");
            var m = ENTRY.matcher(parts[0].trim());
            if (!m.matches()) {
                problems.add("'" + entry + "' must start with prefix=input/output");
                continue;
            }
            var price = ModelPrice.of(m.group(2), m.group(3));
            var bad = new ArrayList<String>();
            for (int i = 1; i < parts.length; i++) {
                var option = parts[i].trim();
                var applied = option(price, option);
                if (applied.isEmpty()) {
                    bad.add(option);
                } else {
                    price = applied.get();
                }
            }
            if (!bad.isEmpty()) {
                problems.add("'" + entry + "' has unknown or malformed option" + (bad.size() == 1 ? " " : "s ")
                        + String.join(", ", bad.stream().map(b -> "'" + b + "'").toList())
                        + " (known: cache_write_5m=, cache_write_1h=, cache_read=, long_context=threshold:in:out,"
                        + " web_search_per_1k=)");
                continue;
            }
            prices.put(m.group(1), price);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("price entries look like prefix=input/output[;option=value], but "
                    + String.join("; ", problems));
        }
        return prices;
    }

    private static Optional<ModelPrice> option(ModelPrice price, String option) {
        int eq = option.indexOf('=');
        if (eq < 0) {
            return Optional.empty();
        }
        var key = option.substring(0, eq).trim();
        var value = option.substring(eq + 1).trim();
        if (key.equals("long_context")) {
            var m = LONG_CONTEXT.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
                return Optional.empty();
            }
            return Optional.of(price.withLongContext(ModelPrice.LongContext.above(Long.parseLong(m.group(1)),
                    m.group(2), m.group(3))));
        }
        if (!NUMBER.matcher(value).matches()) {
            return Optional.empty();
        }
        var number = new BigDecimal(value);
        return switch (key) {
            case "cache_write_5m" -> Optional.of(price.withCacheWrites(number, price.cacheWrite1hPerMTok()));
            case "cache_write_1h" -> Optional.of(price.withCacheWrites(price.cacheWrite5mPerMTok(), number));
            case "cache_read" -> Optional.of(price.withCacheRead(number));
            case "web_search_per_1k" -> Optional.of(price.withWebSearchPer1k(number));
            default -> Optional.empty();
        };
    }
}
