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

    /** Anthropic's published list prices (USD per million tokens) for the Claude models Mainstay knows. */
    public static PriceTable anthropicDefaults() {
        var prices = new LinkedHashMap<String, ModelPrice>();
        prices.put("claude-opus-4-5", ModelPrice.of("5", "25"));
        prices.put("claude-opus-4-6", ModelPrice.of("5", "25"));
        prices.put("claude-opus-4-1", ModelPrice.of("15", "75"));
        prices.put("claude-opus-4", ModelPrice.of("15", "75"));
        prices.put("claude-sonnet-4", ModelPrice.of("3", "15"));
        prices.put("claude-3-7-sonnet", ModelPrice.of("3", "15"));
        prices.put("claude-haiku-4-5", ModelPrice.of("1", "5"));
        prices.put("claude-3-5-haiku", ModelPrice.of("0.8", "4"));
        prices.put("claude-3-haiku", ModelPrice.of("0.25", "1.25"));
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

    /** The cost of {@code usage} on {@code model}; zero for a model without a price. */
    public BigDecimal cost(String model, Usage usage) {
        return priceOf(model).map(p -> p.cost(usage)).orElse(BigDecimal.ZERO.setScale(ModelPrice.SCALE));
    }
}
