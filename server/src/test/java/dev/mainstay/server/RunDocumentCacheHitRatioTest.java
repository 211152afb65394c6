package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RunDocumentCacheHitRatioTest {
    @Test
    void theTotalsShowTheShareOfThePromptReadFromTheCacheToFourDecimals() {
        // input 1,000 + written 500 (5m) + 250 (1h) + read 4,250 = 6,000 prompt tokens, 4,250 of them read
        var usage = new Usage(1_000, 300, 500, 250, 4_250, 0, 0);

        assertThat(RunDocument.cacheHitRatio(usage)).isEqualTo(new BigDecimal("0.7083"));
        assertThat(RunDocument.cacheHitRatio(Usage.ZERO)).isEqualTo(new BigDecimal("0.0000"));
    }
}
