package dev.mainstay.cost;

import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's list price in US dollars: per million tokens of each kind the provider bills separately, a long-context
 * rule where the provider has one, and per-use server-tool charges. Immutable.
 *
 * <p>The rules, applied to one call's {@link Usage} (see {@link #lines}): each kind of token at its own rate; when
 * the call's prompt ({@link Usage#promptTokens()}: input, cache writes and cache reads) is longer than the
 * long-context threshold, every input-side rate (input, both cache writes, cache reads) is multiplied by the
 * long-context input multiplier and the output rate by its output multiplier; in {@link BillingMode#BATCH} every
 * token charge is multiplied by {@link #BATCH_DISCOUNT}; web searches cost {@code webSearchPer1k} per thousand,
 * undiscounted. The exact sum is rounded once, half-up, to {@link #SCALE} places.
 *
 * @param cacheWrite5mPerMTok writes to the cache with the 5-minute TTL (Anthropic: 1.25 × input)
 * @param cacheWrite1hPerMTok writes to the cache with the 1-hour TTL (Anthropic: 2 × input)
 * @param cacheReadPerMTok cache hits and refreshes (Anthropic: 0.1 × input for most models)
 * @param longContext the long-context rule, empty when the model's price does not depend on the prompt's length
 * @param webSearchPer1k US dollars per 1,000 server-side web searches
 */
public record ModelPrice(BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cacheWrite5mPerMTok,
        BigDecimal cacheWrite1hPerMTok, BigDecimal cacheReadPerMTok, Optional<LongContext> longContext,
        BigDecimal webSearchPer1k) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    /** Cost results keep this many decimal places (a millionth of a cent is below any invoice line). */
    public static final int SCALE = 8;
    /** Anthropic's 5-minute cache write price as a multiple of the input price. */
    public static final BigDecimal CACHE_WRITE_5M_MULTIPLIER = new BigDecimal("1.25");
    /** Anthropic's 1-hour cache write price as a multiple of the input price. */
    public static final BigDecimal CACHE_WRITE_1H_MULTIPLIER = new BigDecimal("2");
    /** Anthropic's usual cache read price as a multiple of the input price (some models have their own). */
    public static final BigDecimal CACHE_READ_MULTIPLIER = new BigDecimal("0.1");
    /** What a Message Batches call pays of the list price, for every kind of token. */
    public static final BigDecimal BATCH_DISCOUNT = new BigDecimal("0.5");
    /** Anthropic's web search charge: $10 per 1,000 searches. */
    public static final BigDecimal DEFAULT_WEB_SEARCH_PER_1K = new BigDecimal("10");

    /**
     * Long-context prices: a call whose prompt has more than {@code thresholdTokens} tokens pays
     * {@code inputMultiplier} × every input-side rate and {@code outputMultiplier} × the output rate, for all of
     * its tokens.
     */
    public record LongContext(long thresholdTokens, BigDecimal inputMultiplier, BigDecimal outputMultiplier) {
        public LongContext {
            if (thresholdTokens <= 0) {
                throw new IllegalArgumentException("a long-context threshold must be positive, but was "
                        + thresholdTokens);
            }
            requireNonNegative(inputMultiplier, "inputMultiplier");
            requireNonNegative(outputMultiplier, "outputMultiplier");
        }

        public static LongContext above(long thresholdTokens, String inputMultiplier, String outputMultiplier) {
            return new LongContext(thresholdTokens, new BigDecimal(inputMultiplier), new BigDecimal(outputMultiplier));
        }

        boolean appliesTo(Usage usage) {
            return usage.promptTokens() > thresholdTokens;
        }
    }

    public ModelPrice {
        requireNonNegative(inputPerMTok, "inputPerMTok");
        requireNonNegative(outputPerMTok, "outputPerMTok");
        requireNonNegative(cacheWrite5mPerMTok, "cacheWrite5mPerMTok");
        requireNonNegative(cacheWrite1hPerMTok, "cacheWrite1hPerMTok");
        requireNonNegative(cacheReadPerMTok, "cacheReadPerMTok");
        Objects.requireNonNull(longContext, "longContext");
        requireNonNegative(webSearchPer1k, "webSearchPer1k");
    }

    /**
     * A price in the shape of the first price table (one cache write rate, the 5-minute one): the 1-hour write at
     * {@link #CACHE_WRITE_1H_MULTIPLIER} × input, no long-context rule, the default web search charge.
     */
    public ModelPrice(BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cacheWritePerMTok,
            BigDecimal cacheReadPerMTok) {
        this(inputPerMTok, outputPerMTok, cacheWritePerMTok, inputPerMTok.multiply(CACHE_WRITE_1H_MULTIPLIER),
                cacheReadPerMTok, Optional.empty(), DEFAULT_WEB_SEARCH_PER_1K);
    }

    /** A price from the input and output prices with Anthropic's cache multipliers (1.25×, 2×, 0.1×). */
    public static ModelPrice of(String inputPerMTok, String outputPerMTok) {
        var in = new BigDecimal(inputPerMTok);
        return new ModelPrice(in, new BigDecimal(outputPerMTok), in.multiply(CACHE_WRITE_5M_MULTIPLIER),
                in.multiply(CACHE_WRITE_1H_MULTIPLIER), in.multiply(CACHE_READ_MULTIPLIER), Optional.empty(),
                DEFAULT_WEB_SEARCH_PER_1K);
    }

    /** Every rate as published: input, output, 5-minute write, 1-hour write, cache read (USD per million). */
    public static ModelPrice of(String input, String output, String write5m, String write1h, String read) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(output), new BigDecimal(write5m),
                new BigDecimal(write1h), new BigDecimal(read), Optional.empty(), DEFAULT_WEB_SEARCH_PER_1K);
    }

    /** The 5-minute cache write rate (the only one the first price table had). */
    public BigDecimal cacheWritePerMTok() {
        return cacheWrite5mPerMTok;
    }

    public ModelPrice withLongContext(LongContext rule) {
        return new ModelPrice(inputPerMTok, outputPerMTok, cacheWrite5mPerMTok, cacheWrite1hPerMTok,
                cacheReadPerMTok, Optional.of(rule), webSearchPer1k);
    }

    public ModelPrice withCacheRead(BigDecimal perMTok) {
        return new ModelPrice(inputPerMTok, outputPerMTok, cacheWrite5mPerMTok, cacheWrite1hPerMTok, perMTok,
                longContext, webSearchPer1k);
    }

    public ModelPrice withCacheWrites(BigDecimal fiveMinutePerMTok, BigDecimal oneHourPerMTok) {
        return new ModelPrice(inputPerMTok, outputPerMTok, fiveMinutePerMTok, oneHourPerMTok, cacheReadPerMTok,
                longContext, webSearchPer1k);
    }

    public ModelPrice withWebSearchPer1k(BigDecimal usdPerThousand) {
        return new ModelPrice(inputPerMTok, outputPerMTok, cacheWrite5mPerMTok, cacheWrite1hPerMTok,
                cacheReadPerMTok, longContext, usdPerThousand);
    }

    /** The cost of {@code usage} sent through the ordinary Messages API. */
    public BigDecimal cost(Usage usage) {
        return cost(usage, BillingMode.STANDARD);
    }

    public BigDecimal cost(Usage usage, BillingMode mode) {
        return lines(usage, mode).total();
    }

    /** The cost of {@code usage}, line by line, exact. */
    public CostLines lines(Usage usage, BillingMode mode) {
        var rule = longContext.filter(r -> r.appliesTo(usage));
        var inputSide = rule.map(LongContext::inputMultiplier).orElse(BigDecimal.ONE);
        var outputSide = rule.map(LongContext::outputMultiplier).orElse(BigDecimal.ONE);
        if (mode == BillingMode.BATCH) {
            inputSide = inputSide.multiply(BATCH_DISCOUNT);
            outputSide = outputSide.multiply(BATCH_DISCOUNT);
        }
        return new CostLines(
                tokens(usage.inputTokens(), inputPerMTok, inputSide),
                tokens(usage.outputTokens(), outputPerMTok, outputSide),
                tokens(usage.cacheWrite5mTokens(), cacheWrite5mPerMTok, inputSide),
                tokens(usage.cacheWrite1hTokens(), cacheWrite1hPerMTok, inputSide),
                tokens(usage.cacheReadInputTokens(), cacheReadPerMTok, inputSide),
                webSearchPer1k.multiply(BigDecimal.valueOf(usage.webSearchRequests())).divide(THOUSAND),
                rule.isPresent());
    }

    private static BigDecimal tokens(long count, BigDecimal perMTok, BigDecimal multiplier) {
        // exact: a division by 10^6 always terminates
        return perMTok.multiply(multiplier).multiply(BigDecimal.valueOf(count)).divide(MILLION);
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + value);
        }
    }
}
