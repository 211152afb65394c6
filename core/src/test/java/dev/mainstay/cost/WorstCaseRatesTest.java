package dev.mainstay.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The integer worst case must be the {@link WorstCase} one to the unit, whatever the price and the sizes. */
class WorstCaseRatesTest {
    private static long exact(ModelPrice price, long input, int maxTokens) {
        return UsdUnits.units(WorstCase.of(input, maxTokens, price).usd());
    }

    @Test
    void everyListPriceGivesTheWorstCaseOfTheExactArithmeticToTheUnit() {
        var random = new SplittableRandom(14);
        for (var price : AnthropicPrices.LIST.values()) {
            var rates = WorstCaseRates.of(price);
            for (int i = 0; i < 200; i++) {
                long input = random.nextLong(0, 2_000_000);
                int maxTokens = random.nextInt(1, 200_000);
                assertThat(rates.units(input, maxTokens)).as("%s, %d in, %d out", price, input, maxTokens)
                        .isEqualTo(exact(price, input, maxTokens));
            }
        }
    }

    @Test
    void theLongContextMultipliersApplyOnlyAboveTheThreshold() {
        var price = ModelPrice.of("3", "15").withLongContext(ModelPrice.LongContext.above(200_000, "2", "1.5"));
        var rates = WorstCaseRates.of(price);

        for (long input : new long[] {0, 1, 199_999, 200_000, 200_001, 1_000_000}) {
            assertThat(rates.units(input, 4_096)).as("%d in", input).isEqualTo(exact(price, input, 4_096));
        }
        // the dearest input-side rate is the 1-hour write, $6, doubled: 200,001 in at $12 (2.400012)
        // + 1,000 out at $22.50 (0.0225) = $2.422512
        assertThat(rates.units(200_001, 1_000)).isEqualTo(242_251_200L);
    }

    @Test
    void aRateFinerThanAUnitPerMillionTokensIsPricedExactlyAndRoundedUpOnce() {
        // $0.000000001 per million tokens has nine places: the long arithmetic cannot hold it
        var price = new ModelPrice(new BigDecimal("0.000000001"), new BigDecimal("0.123456789"),
                new BigDecimal("0"), new BigDecimal("0"), new BigDecimal("0"), Optional.empty(), BigDecimal.TEN);
        var rates = WorstCaseRates.of(price);

        assertThat(rates.units(123_457, 7)).isEqualTo(exact(price, 123_457, 7));
        // one output token: $0.000000123456789 = 12.3456789 units, rounded up
        assertThat(rates.units(0, 1)).isEqualTo(13);
    }

    @Test
    void sizesWhoseProductPassesALongArePricedExactly() {
        var price = ModelPrice.of("1000000", "1000000");
        var rates = WorstCaseRates.of(price);

        // the 1-hour write rate, $2,000,000, is 2 × 10^14 units per million tokens: times 10^6 tokens it passes a
        // long, while the $2,000,001 it comes to does not
        assertThat(rates.units(1_000_000, 1)).isEqualTo(exact(price, 1_000_000, 1)).isEqualTo(200_000_100_000_000L);
    }

    @Test
    void anInputMarginOfOneLeavesTheCountAndAnyOtherRoundsUpToAWholeToken() {
        assertThat(WorstCase.inputTokens(1_001, BigDecimal.ONE)).isEqualTo(1_001);
        assertThat(WorstCase.inputTokens(1_001, new BigDecimal("1.00"))).isEqualTo(1_001);
        assertThat(WorstCase.inputTokens(1_001, new BigDecimal("1.2"))).isEqualTo(1_202);
    }
}
