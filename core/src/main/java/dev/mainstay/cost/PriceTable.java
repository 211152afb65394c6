package dev.mainstay.cost;

import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices by model id. A model id matches the longest configured prefix, so dated ids
 * ({@code claude-sonnet-4-5-20250929}) and aliases ({@code claude-sonnet-4-5}) share a price. Immutable.
 */
public final class PriceTable {
    private final Map<String, ModelPrice> byPrefix;

    private PriceTable(Map<String, ModelPrice> byPrefix) {
        this.byPrefix = Map.copyOf(byPrefix);
    }

    /**
     * Anthropic's list prices (USD per million tokens) by model family, as published for each family's current
     * generation: Sonnet $3/$15, Haiku 4.5+ $1/$5, Opus 4.5+ $5/$25, older Opus $15/$75. A model no prefix matches
     * is unpriced (its cost is not known, {@link #priceOf} empty) — override or extend with {@link #withOverrides(String)}.
     */
    public static PriceTable anthropicDefaults() {
        var prices = new LinkedHashMap<String, ModelPrice>();
        prices.put("claude-sonnet-", ModelPrice.of("3", "15"));
        prices.put("claude-3-7-sonnet", ModelPrice.of("3", "15"));
        prices.put("claude-haiku-", ModelPrice.of("1", "5"));
        prices.put("claude-3-5-haiku", ModelPrice.of("0.8", "4"));
        prices.put("claude-3-haiku", ModelPrice.of("0.25", "1.25"));
        prices.put("claude-opus-", ModelPrice.of("5", "25"));
        prices.put("claude-opus-4-1", ModelPrice.of("15", "75"));
        prices.put("claude-opus-4-0", ModelPrice.of("15", "75"));
        prices.put("claude-opus-4-2", ModelPrice.of("15", "75"));
        return new PriceTable(prices);
    }

    /**
     * This table with prices added or replaced from {@code spec}: comma-separated {@code prefix=input/output}
     * entries in USD per million tokens, e.g. {@code claude-mythos-=15/75,my-proxy-model=2.5/10}.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public PriceTable withOverrides(String spec) {
        var prices = new LinkedHashMap<>(byPrefix);
        for (var raw : spec.split(",")) {
            var entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            var m = java.util.regex.Pattern.compile("([^=\\s]+)=([0-9.]+)/([0-9.]+)").matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("price entry must look like prefix=input/output, but was '"
                        + entry + "'");
            }
            prices.put(m.group(1), ModelPrice.of(m.group(2), m.group(3)));
        }
        return new PriceTable(prices);
    }

    public static PriceTable of(Map<String, ModelPrice> byPrefix) {
        return new PriceTable(byPrefix);
    }

    /** The price of the longest prefix of {@code model} in the table. */
    public Optional<ModelPrice> priceOf(String model) {
        ModelPrice best = null;
        int bestLength = -1;
        for (var entry : byPrefix.entrySet()) {
            if (model.startsWith(entry.getKey()) && entry.getKey().length() > bestLength) {
                best = entry.getValue();
                bestLength = entry.getKey().length();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The cost of {@code usage} on {@code model}; not known for a model without a price. */
    public Cost cost(String model, Usage usage) {
        return priceOf(model).map(p -> Cost.usd(p.cost(usage))).orElseGet(() -> Cost.unpriced(model));
    }
}
