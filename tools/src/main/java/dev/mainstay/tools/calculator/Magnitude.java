package dev.mainstay.tools.calculator;

import java.math.BigDecimal;

/**
 * Bounds on the size of numbers. Every operand and result in an evaluation must keep its decimal exponent within
 * {@code ±MAX_DECIMAL_EXPONENT}; that bound is what keeps each BigDecimal operation fast and its output short.
 */
final class Magnitude {
    /** Numbers stay between 1e-1000 and 1e1000 in absolute value (or are zero). */
    static final int MAX_DECIMAL_EXPONENT = 1000;

    private Magnitude() {}

    /** The decimal exponent of a non-zero number: {@code 120 → 2}, {@code 0.05 → -2}. */
    static int exponent(BigDecimal value) {
        return value.precision() - value.scale() - 1;
    }

    /** {@code log10(|value|)} of a non-zero number, precise enough to compare against the bounds. */
    static double log10(BigDecimal value) {
        int exponent = exponent(value);
        double mantissa = value.abs().scaleByPowerOfTen(-exponent).doubleValue();
        return exponent + Math.log10(mantissa);
    }

    /** Why {@code value} is out of range, or {@code null} when it is within it. */
    static String problem(BigDecimal value) {
        if (value.signum() == 0) {
            return null;
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        if (exponent > MAX_DECIMAL_EXPONENT) {
            return "overflow: a value exceeds 1e" + MAX_DECIMAL_EXPONENT;
        }
        if (exponent < -MAX_DECIMAL_EXPONENT) {
            return "underflow: a value is closer to zero than 1e-" + MAX_DECIMAL_EXPONENT;
        }
        return null;
    }
}
