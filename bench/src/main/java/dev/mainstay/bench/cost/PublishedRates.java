package dev.mainstay.bench.cost;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The benchmark's own copy of Anthropic's published rates (USD per million tokens; web search per 1,000), typed in
 * from platform.claude.com/docs/en/about-claude/pricing and kept apart from Mainstay's price table on purpose: the
 * ledger is checked against arithmetic that shares no code with it. Only the models the workload uses.
 */
record PublishedRates(BigDecimal input, BigDecimal output, BigDecimal write5m, BigDecimal write1h, BigDecimal read,
        BigDecimal webSearchPer1k) {
    static final Map<String, PublishedRates> BY_MODEL = Map.of(
            "claude-sonnet-5-5", of("2", "10", "2.50", "4", "0.10", "10"),
            "claude-haiku-4-5", of("1", "5", "1.25", "2", "0.10", "10"));

    private static PublishedRates of(String in, String out, String w5, String w1, String read, String search) {
        return new PublishedRates(new BigDecimal(in), new BigDecimal(out), new BigDecimal(w5), new BigDecimal(w1),
                new BigDecimal(read), new BigDecimal(search));
    }

    static PublishedRates forModel(String model) {
        var rates = BY_MODEL.get(model);
        if (rates == null) {
            throw new IllegalStateException("the benchmark has no published rates for model '" + model + "'");
        }
        return rates;
    }

    /** Exact dollars for {@code count} tokens at {@code perMTok}. */
    static BigDecimal tokens(long count, BigDecimal perMTok) {
        return perMTok.multiply(BigDecimal.valueOf(count)).divide(BigDecimal.valueOf(1_000_000));
    }
}
