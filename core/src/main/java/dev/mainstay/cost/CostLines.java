package dev.mainstay.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One priced call, line by line, in exact US dollars (not rounded): what each kind of token and the server tools
 * came to after every price rule (long context, batch). {@link #total()} rounds once, at the end, to
 * {@link ModelPrice#SCALE} places — the amount {@link ModelPrice#cost} returns.
 */
public record CostLines(BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
        BigDecimal cacheRead, BigDecimal webSearch, boolean longContext) {
    public CostLines {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cacheWrite5m, "cacheWrite5m");
        Objects.requireNonNull(cacheWrite1h, "cacheWrite1h");
        Objects.requireNonNull(cacheRead, "cacheRead");
        Objects.requireNonNull(webSearch, "webSearch");
    }

    /** The sum of the lines, rounded half-up once to {@link ModelPrice#SCALE} places. */
    public BigDecimal total() {
        return input.add(output).add(cacheWrite5m).add(cacheWrite1h).add(cacheRead).add(webSearch)
                .setScale(ModelPrice.SCALE, RoundingMode.HALF_UP);
    }
}
