package dev.mainstay.cost;

import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A model's list price in US dollars per million tokens of each kind. Cache writes here are the 5-minute
 * ephemeral cache price (1.25 × input); cache reads are 0.1 × input.
 */
public record ModelPrice(BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cacheWritePerMTok,
        BigDecimal cacheReadPerMTok) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Cost results keep this many decimal places (a millionth of a cent is below any invoice line). */
    public static final int SCALE = 8;

    public ModelPrice {
        Objects.requireNonNull(inputPerMTok, "inputPerMTok");
        Objects.requireNonNull(outputPerMTok, "outputPerMTok");
        Objects.requireNonNull(cacheWritePerMTok, "cacheWritePerMTok");
        Objects.requireNonNull(cacheReadPerMTok, "cacheReadPerMTok");
    }

    /** A price from the input and output prices, with Anthropic's cache multipliers (write 1.25×, read 0.1×). */
    public static ModelPrice of(String inputPerMTok, String outputPerMTok) {
        var in = new BigDecimal(inputPerMTok);
        return new ModelPrice(in, new BigDecimal(outputPerMTok), in.multiply(new BigDecimal("1.25")),
                in.multiply(new BigDecimal("0.1")));
    }

    public BigDecimal cost(Usage usage) {
        var micro = inputPerMTok.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(outputPerMTok.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheWritePerMTok.multiply(BigDecimal.valueOf(usage.cacheCreationInputTokens())))
                .add(cacheReadPerMTok.multiply(BigDecimal.valueOf(usage.cacheReadInputTokens())));
        return micro.divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }
}
