package dev.mainstay.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed fixtures for every token kind and price rule. Each expected amount is worked out in the comment
 * above it from the published rates (USD per million tokens), so a wrong rate or a wrong rule fails here.
 */
class PriceArithmeticTest {
    private final PriceTable table = PriceTable.anthropicDefaults();

    private BigDecimal usd(String model, Usage usage) {
        return table.cost(model, usage).usd().orElseThrow();
    }

    private BigDecimal usd(String model, Usage usage, BillingMode mode) {
        return table.cost(model, usage, mode).usd().orElseThrow();
    }

    @Test
    void everyTokenKindIsChargedAtItsOwnRateAndServerToolsPerUse() {
        // Sonnet 4.5: in $3, out $15, 5m write $3.75, 1h write $6, read $0.30; web search $10 per 1,000
        // 1,000 in = 0.003; 500 out = 0.0075; 2,000 5m = 0.0075; 4,000 1h = 0.024; 10,000 read = 0.003;
        // 3 searches = 0.03; total 0.075
        var usage = new Usage(1_000, 500, 2_000, 4_000, 10_000, 3, 0);

        var lines = table.priceOf("claude-sonnet-4-5").orElseThrow().lines(usage, BillingMode.STANDARD);

        assertThat(lines.input()).isEqualByComparingTo("0.003");
        assertThat(lines.output()).isEqualByComparingTo("0.0075");
        assertThat(lines.cacheWrite5m()).isEqualByComparingTo("0.0075");
        assertThat(lines.cacheWrite1h()).isEqualByComparingTo("0.024");
        assertThat(lines.cacheRead()).isEqualByComparingTo("0.003");
        assertThat(lines.webSearch()).isEqualByComparingTo("0.03");
        assertThat(lines.longContext()).isFalse();
        assertThat(usd("claude-sonnet-4-5", usage)).isEqualTo(new BigDecimal("0.07500000"));
    }

    @Test
    void aOneHourCacheWriteCostsTwiceTheInputAndAFiveMinuteOneAQuarterMore() {
        // Opus 4.5 input $5: 1M 5m-write tokens = $6.25, 1M 1h-write tokens = $10
        assertThat(usd("claude-opus-4-5", Usage.ZERO.withCacheWrites(1_000_000, 0))).isEqualByComparingTo("6.25");
        assertThat(usd("claude-opus-4-5", Usage.ZERO.withCacheWrites(0, 1_000_000))).isEqualByComparingTo("10");
    }

    @Test
    void cacheReadsUseTheModelsOwnRate() {
        // 1M cache-read tokens: Sonnet 4.6 $0.30 (0.1×), Sonnet 5.5 $0.10 (0.05×), Fable 5.1 $0.25 (0.025×)
        var reads = new Usage(0, 0, 0, 1_000_000);

        assertThat(usd("claude-sonnet-4-6", reads)).isEqualByComparingTo("0.30");
        assertThat(usd("claude-sonnet-5-5", reads)).isEqualByComparingTo("0.10");
        assertThat(usd("claude-fable-5-1", reads)).isEqualByComparingTo("0.25");
    }

    @Test
    void aPromptOverTheLongContextThresholdPaysThePremiumOnAllItsTokens() {
        // Sonnet 4.5 above 200,000 prompt tokens: input $6 (2×), read $0.60, output $22.50 (1.5×)
        // 150,001 in = 0.900006; 50,000 read = 0.03; 1,000 out = 0.0225; total 0.952506
        var over = new Usage(150_001, 1_000, 0, 50_000);
        // exactly 200,000 is not over: 150,000 × 3 = 0.45; 50,000 × 0.30 = 0.015; 1,000 × 15 = 0.015; total 0.48
        var atThreshold = new Usage(150_000, 1_000, 0, 50_000);

        assertThat(usd("claude-sonnet-4-5", over)).isEqualTo(new BigDecimal("0.95250600"));
        assertThat(usd("claude-sonnet-4-5", atThreshold)).isEqualTo(new BigDecimal("0.48000000"));
        assertThat(table.priceOf("claude-sonnet-4-5").orElseThrow().lines(over, BillingMode.STANDARD).longContext())
                .isTrue();
    }

    @Test
    void cacheWritesCountTowardsTheLongContextThresholdAndPayItsPremium() {
        // Sonnet 4: 100,000 in + 100,001 5m writes = 200,001 prompt tokens: 100,000 × 6 = 0.6;
        // 100,001 × 7.50 = 0.7500075; total 1.3500075
        assertThat(usd("claude-sonnet-4-20250514", new Usage(100_000, 0, 100_001, 0)))
                .isEqualTo(new BigDecimal("1.35000750"));
    }

    @Test
    void haikuFiveFiveChargesFiveTimesOnEveryTokenOfALongPrompt() {
        // Haiku 5.5 above 100,000 prompt tokens: in $0.50, out $2.50
        // 100,001 in = 0.0500005; 1,000 out = 0.0025; total 0.0525005
        assertThat(usd("claude-haiku-5-5", new Usage(100_001, 1_000, 0, 0))).isEqualTo(new BigDecimal("0.05250050"));
        // at 100,000: in $0.10, out $0.50: 0.01 + 0.0005 = 0.0105
        assertThat(usd("claude-haiku-5-5", new Usage(100_000, 1_000, 0, 0))).isEqualTo(new BigDecimal("0.01050000"));
    }

    @Test
    void theBatchDiscountHalvesEveryTokenChargeButNotWebSearches() {
        // Haiku 4.5: in $1, out $5, 5m $1.25, 1h $2, read $0.10
        // 100,000 in = 0.1; 10,000 out = 0.05; 1,000 5m = 0.00125; 1,000 1h = 0.002; 10,000 read = 0.001
        // tokens 0.15425 × 0.5 = 0.077125; 2 searches = 0.02; total 0.097125
        var usage = new Usage(100_000, 10_000, 1_000, 1_000, 10_000, 2, 0);

        assertThat(usd("claude-haiku-4-5", usage, BillingMode.BATCH)).isEqualTo(new BigDecimal("0.09712500"));
        assertThat(usd("claude-haiku-4-5", usage)).isEqualTo(new BigDecimal("0.17425000"));
    }

    @Test
    void batchAndLongContextStack() {
        // Sonnet 4.5, 300,000 in, batch: 300,000 × $6 × 0.5 = 0.9
        assertThat(usd("claude-sonnet-4-5", new Usage(300_000, 0, 0, 0), BillingMode.BATCH))
                .isEqualByComparingTo("0.9");
    }

    @Test
    void webFetchesAreCountedButCostOnlyTheirTokens() {
        assertThat(usd("claude-sonnet-4-5", Usage.ZERO.withServerTools(0, 7))).isEqualByComparingTo("0");
        assertThat(usd("claude-sonnet-4-5", Usage.ZERO.withServerTools(1, 0))).isEqualByComparingTo("0.01");
    }

    @Test
    void theSumIsRoundedOnceHalfUpToEightPlaces() {
        // Haiku 5.5 5m write $0.125: one token = 0.000000125 → 0.00000013 (half up)
        assertThat(usd("claude-haiku-5-5", Usage.ZERO.withCacheWrites(1, 0))).isEqualTo(new BigDecimal("0.00000013"));
        // in batch: 0.0000000625 → 0.00000006
        assertThat(usd("claude-haiku-5-5", Usage.ZERO.withCacheWrites(1, 0), BillingMode.BATCH))
                .isEqualTo(new BigDecimal("0.00000006"));
        // three 5m writes and one input token: 0.000000375 + 0.0000001 = 0.000000475 → 0.00000048;
        // four 5m writes and one read: 0.0000005 + 0.00000001 = 0.00000051
        assertThat(usd("claude-haiku-5-5", new Usage(1, 0, 3, 0))).isEqualTo(new BigDecimal("0.00000048"));
        assertThat(usd("claude-haiku-5-5", new Usage(0, 0, 4, 1))).isEqualTo(new BigDecimal("0.00000051"));
    }

    @Test
    void everyShippedPriceHasAnthropicsCacheWriteMultipliers() {
        for (var model : new String[] {"claude-fable-5-2", "claude-fable-5-1", "claude-fable-5", "claude-mythos-5-1",
                "claude-opus-5-5", "claude-opus-5", "claude-opus-4-8", "claude-opus-4-7", "claude-opus-4-6",
                "claude-opus-4-5", "claude-opus-4-1", "claude-sonnet-5-5", "claude-sonnet-5", "claude-sonnet-4-6",
                "claude-sonnet-4-5", "claude-haiku-5-5", "claude-haiku-4-5", "claude-3-5-haiku-20241022"}) {
            var price = table.priceOf(model).orElseThrow(() -> new AssertionError("no price for " + model));
            assertThat(price.cacheWrite5mPerMTok()).as(model + " 5m write")
                    .isEqualByComparingTo(price.inputPerMTok().multiply(new BigDecimal("1.25")));
            assertThat(price.cacheWrite1hPerMTok()).as(model + " 1h write")
                    .isEqualByComparingTo(price.inputPerMTok().multiply(new BigDecimal("2")));
        }
    }
}
