package dev.mainstay.tools.calculator;

import com.ezylang.evalex.data.EvaluationValue;
import java.math.BigDecimal;

/** The argument checks that run before an operation could take long; each returns a reason or {@code null}. */
final class Limits {
    private Limits() {}

    /** {@code a^b}: bounded exponent, and a size estimate of the result from {@code b·log10|a|}. */
    static String power(EvaluationValue[] operands) {
        if (operands.length != 2 || !operands[0].isNumberValue() || !operands[1].isNumberValue()) {
            return null;
        }
        BigDecimal base = operands[0].getNumberValue();
        BigDecimal exponent = operands[1].getNumberValue();
        if (exponent.abs().compareTo(BigDecimal.valueOf(Calculator.MAX_POWER_EXPONENT)) > 0) {
            return "exponent too large: the limit is " + Calculator.MAX_POWER_EXPONENT;
        }
        if (base.signum() == 0) {
            return exponent.signum() < 0 ? "division by zero" : null;
        }
        if (base.signum() < 0 && !isInteger(exponent)) {
            return "a negative number cannot be raised to a fractional power";
        }
        double estimate = Magnitude.log10(base) * exponent.doubleValue();
        if (estimate > Magnitude.MAX_DECIMAL_EXPONENT + 1) {
            return "overflow: the power exceeds 1e" + Magnitude.MAX_DECIMAL_EXPONENT;
        }
        if (estimate < -Magnitude.MAX_DECIMAL_EXPONENT - 1) {
            return "underflow: the power is closer to zero than 1e-" + Magnitude.MAX_DECIMAL_EXPONENT;
        }
        return null;
    }

    /** {@code FACT(n)}: an integer {@code 0..MAX_FACTORIAL}. */
    static String factorial(EvaluationValue[] parameters) {
        if (parameters.length != 1 || !parameters[0].isNumberValue()) {
            return null;
        }
        BigDecimal n = parameters[0].getNumberValue();
        if (!isInteger(n) || n.signum() < 0 || n.compareTo(BigDecimal.valueOf(Calculator.MAX_FACTORIAL)) > 0) {
            return "FACT needs an integer between 0 and " + Calculator.MAX_FACTORIAL;
        }
        return null;
    }

    /** {@code ROUND(x, places)}: integer places within {@code ±MAX_ROUND_PLACES}. */
    static String round(EvaluationValue[] parameters) {
        if (parameters.length != 2 || !parameters[1].isNumberValue()) {
            return null;
        }
        BigDecimal places = parameters[1].getNumberValue();
        if (!isInteger(places) || places.abs().compareTo(BigDecimal.valueOf(Calculator.MAX_ROUND_PLACES)) > 0) {
            return "ROUND places must be an integer between -" + Calculator.MAX_ROUND_PLACES + " and "
                    + Calculator.MAX_ROUND_PLACES;
        }
        return null;
    }

    private static boolean isInteger(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
