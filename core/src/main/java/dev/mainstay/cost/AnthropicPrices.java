package dev.mainstay.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's list prices, USD per million tokens: input, output, 5-minute cache write, 1-hour cache write, cache
 * read. Read from platform.claude.com/docs/en/about-claude/pricing and the models' overview pages; the table's
 * version is {@link PriceTable#ANTHROPIC_VERSION}. Change a price here only together with that version.
 *
 * <p>Where the page has a rule beyond the five rates: Sonnet 4 and 4.5 charge 2× input-side and 1.5× output for
 * a prompt over 200,000 tokens; Haiku 5.5 charges 5× on every token for a prompt over 100,000 tokens. Sonnet 4.6
 * and the 5-generation models with a 1M context have no long-context premium. Claude Mythos Preview has no
 * published price: it is unpriced (set one with {@code MAINSTAY_PRICES}).
 */
final class AnthropicPrices {
    private AnthropicPrices() {}

    static final Map<String, ModelPrice> LIST = build();

    private static Map<String, ModelPrice> build() {
        var p = new LinkedHashMap<String, ModelPrice>();
        // Fable / Mythos: 5.2 at $8/$40, 5.1 with cache hits at 0.025× input, 5 at the usual 0.1×
        p.put("claude-fable-5-2", ModelPrice.of("8", "40", "10", "16", "0.20"));
        p.put("claude-mythos-5-2", ModelPrice.of("8", "40", "10", "16", "0.20"));
        p.put("claude-fable-5-1", ModelPrice.of("10", "50", "12.50", "20", "0.25"));
        p.put("claude-mythos-5-1", ModelPrice.of("10", "50", "12.50", "20", "0.25"));
        p.put("claude-fable-5", ModelPrice.of("10", "50", "12.50", "20", "1"));
        p.put("claude-mythos-5", ModelPrice.of("10", "50", "12.50", "20", "1"));
        // Opus: 5.5 at $4/$20 with cache hits at 0.05×; 4.5 to 5 at $5/$25; 4 and 4.1 at $15/$75
        p.put("claude-opus-5-5", ModelPrice.of("4", "20", "5", "8", "0.20"));
        p.put("claude-opus-5", ModelPrice.of("5", "25", "6.25", "10", "0.50"));
        p.put("claude-opus-4-8", ModelPrice.of("5", "25", "6.25", "10", "0.50"));
        p.put("claude-opus-4-7", ModelPrice.of("5", "25", "6.25", "10", "0.50"));
        p.put("claude-opus-4-6", ModelPrice.of("5", "25", "6.25", "10", "0.50"));
        p.put("claude-opus-4-5", ModelPrice.of("5", "25", "6.25", "10", "0.50"));
        p.put("claude-opus-4-1", ModelPrice.of("15", "75", "18.75", "30", "1.50"));
        p.put("claude-opus-4", ModelPrice.of("15", "75", "18.75", "30", "1.50"));
        // Sonnet: 5.5 with cache hits cut to 0.05× on 2026-10-07; 5 at $2/$10; 4.x at $3/$15
        p.put("claude-sonnet-5-5", ModelPrice.of("2", "10", "2.50", "4", "0.10"));
        p.put("claude-sonnet-5", ModelPrice.of("2", "10", "2.50", "4", "0.20"));
        p.put("claude-sonnet-4-6", ModelPrice.of("3", "15", "3.75", "6", "0.30"));
        var sonnet4LongContext = ModelPrice.LongContext.above(200_000, "2", "1.5");
        p.put("claude-sonnet-4-5", ModelPrice.of("3", "15", "3.75", "6", "0.30").withLongContext(sonnet4LongContext));
        p.put("claude-sonnet-4", ModelPrice.of("3", "15", "3.75", "6", "0.30").withLongContext(sonnet4LongContext));
        p.put("claude-3-7-sonnet", ModelPrice.of("3", "15", "3.75", "6", "0.30"));
        // Haiku: 5.5 priced by prompt length (5× over 100k tokens)
        p.put("claude-haiku-5-5", ModelPrice.of("0.10", "0.50", "0.125", "0.20", "0.01")
                .withLongContext(ModelPrice.LongContext.above(100_000, "5", "5")));
        p.put("claude-haiku-4-5", ModelPrice.of("1", "5", "1.25", "2", "0.10"));
        p.put("claude-3-5-haiku", ModelPrice.of("0.80", "4", "1", "1.60", "0.08"));
        p.put("claude-3-haiku", ModelPrice.of("0.25", "1.25", "0.30", "0.50", "0.03"));
        return Map.copyOf(p);
    }
}
