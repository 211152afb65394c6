package dev.mainstay.cost;

import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TokenEstimator;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The most a model call can cost before it is sent: its input tokens as {@link TokenEstimator} counts them (times
 * a margin for a provider whose tokenizer counts more) all billed at the dearest input-side rate — input, or a
 * cache write at the 5-minute or 1-hour premium, whichever is highest — plus {@code max_tokens} of output, with the
 * long-context multipliers when the counted prompt passes the model's threshold. Server-tool charges (web search)
 * are not part of it: the reference agent's calls make none. Rounded up to a whole {@link UsdUnits unit}. What
 * budgets reserve (the tenant's and users' in the store, a run's own limit in the loop).
 *
 * @param inputUsd the input side of the worst case, exact
 * @param outputPerTokenUsd what one output token costs at most
 */
public record WorstCase(BigDecimal inputUsd, BigDecimal outputPerTokenUsd, int maxTokens) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** The worst case of {@code request} at {@code price}, its counted input multiplied by {@code inputMargin}. */
    public static WorstCase of(ModelRequest request, ModelPrice price, BigDecimal inputMargin) {
        return of(inputTokens(TokenEstimator.estimateInput(request), inputMargin), request.maxTokens(), price);
    }

    /** The worst case of {@code inputTokens} (the margin already applied) and {@code maxTokens} at {@code price}. */
    public static WorstCase of(long inputTokens, int maxTokens, ModelPrice price) {
        var inputRate = price.inputPerMTok().max(price.cacheWrite5mPerMTok()).max(price.cacheWrite1hPerMTok());
        var outputRate = price.outputPerMTok();
        var rule = price.longContext();
        if (rule.isPresent() && inputTokens > rule.get().thresholdTokens()) {
            inputRate = inputRate.multiply(rule.get().inputMultiplier());
            outputRate = outputRate.multiply(rule.get().outputMultiplier());
        }
        return new WorstCase(inputRate.multiply(BigDecimal.valueOf(inputTokens)).divide(MILLION),
                outputRate.divide(MILLION), maxTokens);
    }

    /** {@code countedTokens} times {@code inputMargin}, rounded up to a whole token. */
    public static long inputTokens(long countedTokens, BigDecimal inputMargin) {
        if (inputMargin.compareTo(BigDecimal.ONE) == 0) {
            return countedTokens;
        }
        return new BigDecimal(countedTokens).multiply(inputMargin).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** The whole worst case, in whole units, rounded up. */
    public BigDecimal usd() {
        return UsdUnits.usd(UsdUnits.unitsUp(inputUsd.add(outputPerTokenUsd.multiply(BigDecimal.valueOf(maxTokens)))));
    }

    /** The largest {@code max_tokens} whose worst case fits {@code availableUsd}; 0 when not even the input does. */
    public int maxTokensWithin(BigDecimal availableUsd) {
        var left = availableUsd.subtract(inputUsd);
        if (left.signum() <= 0) {
            return 0;
        }
        if (outputPerTokenUsd.signum() == 0) {
            return maxTokens;
        }
        // one unit of slack for the rounding up of usd()
        var tokens = left.subtract(UsdUnits.usd(1)).divide(outputPerTokenUsd, 0, RoundingMode.FLOOR);
        return tokens.signum() <= 0 ? 0 : tokens.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
    }
}
