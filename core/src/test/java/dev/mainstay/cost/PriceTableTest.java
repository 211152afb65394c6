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
        // Sonnet 4.6: input $3, output $15, cache write $3.75, cache read $0.30 per million tokens
        var usage = new Usage(1_000_000, 1_000_000, 1_000_000, 1_000_000);

        assertThat(table.cost("claude-sonnet-4-6", usage).usd().orElseThrow()).isEqualByComparingTo(new BigDecimal("22.05"));
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
        var total = table.cost("claude-sonnet-4-6", new Usage(1_000_000, 0, 0, 0))
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

    @Test
    void aPrefixMatchesOnlyAtAWordBoundaryOfTheId() {
        // Fable 5 (cache reads $1) must not take Fable 5.2's price (reads $0.20) for its dated id
        var reads = new Usage(0, 0, 0, 1_000_000);

        assertThat(table.cost("claude-fable-5-20260609", reads).usd().orElseThrow()).isEqualByComparingTo("1");
        assertThat(table.cost("claude-fable-5-2", reads).usd().orElseThrow()).isEqualByComparingTo("0.20");
        assertThat(table.priceOf("claude-opus-4-50")).map(ModelPrice::inputPerMTok).contains(new BigDecimal("15"));
    }

    @Test
    void theShippedTableHasAVersionAndOverridesGiveADifferentStableOne() {
        var a = table.withOverrides("my-model=2/8");
        var b = table.withOverrides("my-model=2/8");
        var c = table.withOverrides("my-model=2/9");

        assertThat(table.version()).isEqualTo(PriceTable.ANTHROPIC_VERSION).isEqualTo("anthropic-2026-12-01");
        assertThat(a.version()).startsWith("anthropic-2026-12-01+sha256:").isEqualTo(b.version())
                .isNotEqualTo(c.version());
        assertThat(table.withOverrides(" , ").version()).isEqualTo(table.version());
    }

    @Test
    void overridesMaySetEveryRateAndRule() {
        var custom = table.withOverrides("my-model=2/8;cache_write_5m=3;cache_write_1h=5;cache_read=0.5;"
                + "long_context=1000:2:1.5;web_search_per_1k=5");
        var price = custom.priceOf("my-model").orElseThrow();

        assertThat(price.cacheWrite5mPerMTok()).isEqualByComparingTo("3");
        assertThat(price.cacheWrite1hPerMTok()).isEqualByComparingTo("5");
        assertThat(price.cacheReadPerMTok()).isEqualByComparingTo("0.5");
        assertThat(price.webSearchPer1k()).isEqualByComparingTo("5");
        // 1,001 prompt tokens is over the 1,000 threshold: 1,001 × $4 = 0.004004; 1,000 out × $12 = 0.012
        assertThat(price.cost(new Usage(1_001, 1_000, 0, 0))).isEqualByComparingTo("0.016004");
        // defaults from the input price: 5m 1.25×, 1h 2×, read 0.1×
        var plain = table.withOverrides("plain=4/8").priceOf("plain").orElseThrow();
        assertThat(plain.cacheWrite5mPerMTok()).isEqualByComparingTo("5");
        assertThat(plain.cacheWrite1hPerMTok()).isEqualByComparingTo("8");
        assertThat(plain.cacheReadPerMTok()).isEqualByComparingTo("0.4");
    }

    @Test
    void everyMalformedOverrideIsNamedAtOnce() {
        assertThatThrownBy(() -> table.withOverrides("a=cheap, b=1/2;cache_reed=1, c=1/2;long_context=0:2:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a=cheap'").hasMessageContaining("'cache_reed=1'")
                .hasMessageContaining("'long_context=0:2:1'");
    }
}
