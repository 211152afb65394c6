package dev.mainstay.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * US dollars as exact integer units of 10<sup>-{@value #SCALE}</sup>, the scale of {@link Cost}: how budgets count
 * and store money, so sums are exact and a conditional {@code UPDATE} compares integers on any database.
 */
public final class UsdUnits {
    /** Decimal places of a unit: {@link ModelPrice#SCALE}. */
    public static final int SCALE = ModelPrice.SCALE;

    private UsdUnits() {}

    /**
     * The units of {@code usd}.
     *
     * @throws IllegalArgumentException when it is negative or has more than {@link #SCALE} decimal places
     */
    public static long units(BigDecimal usd) {
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("an amount of money must not be negative, but was " + usd);
        }
        try {
            return usd.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("an amount of money has at most " + SCALE
                    + " decimal places and fits 92 billion dollars, but was " + usd.toPlainString());
        }
    }

    /**
     * {@code usd(units(usd))} without the round trip: {@code usd} itself when it already has {@link #SCALE} places
     * and fits, which is what every amount priced by Mainstay has.
     *
     * @throws IllegalArgumentException as {@link #units} does
     */
    public static BigDecimal normalised(BigDecimal usd) {
        if (usd.scale() == SCALE && usd.signum() >= 0 && usd.precision() <= 18) {
            return usd;
        }
        return usd(units(usd));
    }

    /** The units of {@code usd} rounded up to a whole unit: what a worst case reserves. */
    public static long unitsUp(BigDecimal usd) {
        return units(usd.setScale(SCALE, RoundingMode.CEILING));
    }

    public static BigDecimal usd(long units) {
        return BigDecimal.valueOf(units, SCALE);
    }
}
