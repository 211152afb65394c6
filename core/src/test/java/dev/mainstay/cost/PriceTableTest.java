package dev.mainstay.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable table = PriceTable.anthropicDefaults();

    @Test
    void pricesEveryKindOfTokenAtItsOwnRate() {
        // Sonnet: input $3, output $15, cache write $3.75, cache read $0.30 per million tokens
        var usage = new Usage(1_000_000, 1_000_000, 1_000_000, 1_000_000);

        assertThat(table.cost("claude-sonnet-4-5", usage).usd().orElseThrow()).isEqualByComparingTo(new BigDecimal("22.05"));
    }

    @Test
    void theLongestMatchingPrefixWins() {
        var oneMillionIn = new Usage(1_000_000, 0, 0, 0);

        assertThat(table.cost("claude-opus-4-1-20250805", oneMillionIn).usd().orElseThrow()).isEqualByComparingTo("15");
        assertThat(table.cost("claude-opus-4-5", oneMillionIn).usd().orElseThrow()).isEqualByComparingTo("5");
        assertThat(table.cost("claude-haiku-4-5-20251001", oneMillionIn).usd().orElseThrow()).isEqualByComparingTo("1");
    }

    @Test
    void anUnknownModelIsUnpricedNotGuessed() {
        assertThat(table.priceOf("gpt-5")).isEmpty();
        var cost = table.cost("gpt-5", new Usage(1000, 1000, 0, 0));
        assertThat(cost.isKnown()).isFalse();
        assertThat(cost.usd()).isEmpty();
        assertThat(cost.unknownReason()).contains("no price for model 'gpt-5'");
    }

    @Test
    void aSumWithAnUnpricedCallIsNotKnownButKeepsThePricedPart() {
        var total = table.cost("claude-sonnet-4-5", new Usage(1_000_000, 0, 0, 0))
                .plus(table.cost("my-custom-model", new Usage(10, 10, 0, 0)));
        assertThat(total.usd()).isEmpty();
        assertThat(total.pricedUsd()).isEqualByComparingTo("3");
        assertThat(total.unpricedModels()).containsExactly("my-custom-model");
        assertThat(total.display(2)).isEqualTo("unknown");
    }

    @Test
    void overridesAddAndReplacePrices() {
        var custom = table.withOverrides("gpt-5=1.25/10, claude-sonnet-=2/10");

        assertThat(custom.cost("gpt-5", new Usage(1_000_000, 0, 0, 0)).usd().orElseThrow()).isEqualByComparingTo("1.25");
        assertThat(custom.cost("claude-sonnet-5-5", new Usage(0, 1_000_000, 0, 0)).usd().orElseThrow()).isEqualByComparingTo("10");
        assertThatThrownBy(() -> table.withOverrides("gpt-5=cheap")).hasMessageContaining("gpt-5=cheap");
    }

    @Test
    void smallCallsKeepSubCentPrecision() {
        assertThat(table.cost("claude-sonnet-4-5", new Usage(1, 0, 0, 0)).usd().orElseThrow()).isEqualByComparingTo("0.000003");
    }
}
