package dev.mainstay.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cost of one model call or a sum of them, in US dollars, or the admission that it is not known: a model
 * without a price in the {@link PriceTable} has no cost rather than a cost of zero, and a sum that includes such a
 * call is not known either. Immutable.
 *
 * @param pricedUsd the sum over the calls whose model had a price, at {@link ModelPrice#SCALE} decimal places
 * @param unpricedModels the models of the calls that had none, sorted; empty when the cost is known
 */
public record Cost(BigDecimal pricedUsd, Set<String> unpricedModels) {
    public static final Cost ZERO = new Cost(BigDecimal.ZERO.setScale(ModelPrice.SCALE), Set.of());

    public Cost {
        Objects.requireNonNull(pricedUsd, "pricedUsd");
        unpricedModels = Set.copyOf(new TreeSet<>(unpricedModels));
        if (pricedUsd.signum() < 0) {
            throw new IllegalArgumentException("a cost cannot be negative, but was " + pricedUsd);
        }
        // one scale for every cost, so equal amounts are equal values whatever wrote them
        pricedUsd = pricedUsd.setScale(ModelPrice.SCALE, RoundingMode.HALF_UP);
    }

    public static Cost usd(BigDecimal usd) {
        return new Cost(usd, Set.of());
    }

    /** The cost of a call on {@code model}, which has no price. */
    public static Cost unpriced(String model) {
        return new Cost(ZERO.pricedUsd, Set.of(model));
    }

    public boolean isKnown() {
        return unpricedModels.isEmpty();
    }

    /** The cost in dollars, empty when it is not known. */
    public Optional<BigDecimal> usd() {
        return isKnown() ? Optional.of(pricedUsd) : Optional.empty();
    }

    public Cost plus(Cost other) {
        if (other.unpricedModels.isEmpty() && unpricedModels.isEmpty()) {
            return usd(pricedUsd.add(other.pricedUsd));
        }
        var models = new TreeSet<>(unpricedModels);
        models.addAll(other.unpricedModels);
        return new Cost(pricedUsd.add(other.pricedUsd), models);
    }

    /** Why the cost is not known, e.g. {@code no price for model 'my-model'}; empty when it is known. */
    public Optional<String> unknownReason() {
        if (isKnown()) {
            return Optional.empty();
        }
        var names = new TreeSet<>(unpricedModels).stream().map(m -> "'" + m + "'").toList();
        return Optional.of("no price for model" + (names.size() == 1 ? " " : "s ") + String.join(", ", names));
    }

    /** The dollars at {@code scale} places, or {@code unknown}, for reports. */
    public String display(int scale) {
        return usd().map(u -> "$" + u.setScale(scale, RoundingMode.HALF_UP).toPlainString()).orElse("unknown");
    }
}
