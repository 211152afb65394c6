package dev.mainstay.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price's {@link WorstCase} rates, resolved once, in whole {@link UsdUnits units} per million tokens: the
 * dearest input-side rate and the output rate, without and with the long-context multipliers. Pricing a call's worst
 * case is then two multiplications and a division in {@code long}, where {@link WorstCase} takes a chain of
 * {@link BigDecimal} operations: what the BUDGET link does before every model call.
 *
 * <p>The contract: {@link #units} is exactly {@code UsdUnits.units(WorstCase.of(inputTokens, maxTokens,
 * price).usd())}. A rate that is not a whole number of units per million tokens (more than eight decimal places
 * after a multiplier) or a product that would overflow a {@code long} is priced by {@link WorstCase} itself.
 * Immutable and thread-safe.
 */
public final class WorstCaseRates {
    private static final long MILLION = 1_000_000L;
    /** Marks a rate that is not a whole number of units per million tokens. */
    private static final long INEXACT = -1;

    private final ModelPrice price;
    private final long inputRate;
    private final long outputRate;
    private final long thresholdTokens;
    private final long longInputRate;
    private final long longOutputRate;

    private WorstCaseRates(ModelPrice price) {
        this.price = price;
        var input = price.inputPerMTok().max(price.cacheWrite5mPerMTok()).max(price.cacheWrite1hPerMTok());
        var output = price.outputPerMTok();
        this.inputRate = unitsPerMTok(input);
        this.outputRate = unitsPerMTok(output);
        var rule = price.longContext();
        this.thresholdTokens = rule.map(ModelPrice.LongContext::thresholdTokens).orElse(Long.MAX_VALUE);
        this.longInputRate = rule.map(r -> unitsPerMTok(input.multiply(r.inputMultiplier()))).orElse(inputRate);
        this.longOutputRate = rule.map(r -> unitsPerMTok(output.multiply(r.outputMultiplier()))).orElse(outputRate);
    }

    public static WorstCaseRates of(ModelPrice price) {
        return new WorstCaseRates(Objects.requireNonNull(price, "price"));
    }

    /** The price these rates were resolved from. */
    public ModelPrice price() {
        return price;
    }

    /**
     * The worst case of {@code inputTokens} (any margin already applied, see {@link WorstCase#inputTokens}) and
     * {@code maxTokens} of output, in units, rounded up.
     */
    public long units(long inputTokens, int maxTokens) {
        boolean longContext = inputTokens > thresholdTokens;
        long in = longContext ? longInputRate : inputRate;
        long out = longContext ? longOutputRate : outputRate;
        if (in != INEXACT && out != INEXACT && inputTokens >= 0 && maxTokens >= 0) {
            try {
                long perMillion = Math.addExact(Math.multiplyExact(in, inputTokens), Math.multiplyExact(out,
                        (long) maxTokens));
                return Math.ceilDiv(perMillion, MILLION);
            } catch (ArithmeticException overflow) {
                // priced exactly below
            }
        }
        return UsdUnits.units(WorstCase.of(inputTokens, maxTokens, price).usd());
    }

    /** {@code usdPerMTok} in units per million tokens, or {@link #INEXACT}. */
    private static long unitsPerMTok(BigDecimal usdPerMTok) {
        try {
            return usdPerMTok.movePointRight(UsdUnits.SCALE).longValueExact();
        } catch (ArithmeticException e) {
            return INEXACT;
        }
    }

    @Override
    public String toString() {
        return "WorstCaseRates[input " + inputRate + ", output " + outputRate + " units/MTok]";
    }
}
