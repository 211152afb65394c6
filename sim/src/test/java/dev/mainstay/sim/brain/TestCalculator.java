package dev.mainstay.sim.brain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Evaluates the subset of EvalEx syntax the brains write (numbers, + - * / ^, parentheses, ROUND(x, n), SQRT(x)), so
 * tests can check that the expressions mean what the user asked without depending on the tools module.
 */
final class TestCalculator {
    private final String text;
    private int pos;

    private TestCalculator(String text) {
        this.text = text.replace(" ", "");
    }

    /** The value as the calculator tool prints it: a top-level ROUND keeps its scale ("409.50"). */
    static String evaluate(String expression) {
        var value = new TestCalculator(expression).parse();
        return expression.startsWith("ROUND(") ? value.toPlainString() : value.stripTrailingZeros().toPlainString();
    }

    private BigDecimal parse() {
        var value = sum();
        if (pos != text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(pos) + "' at " + pos + " in " + text);
        }
        return value;
    }

    private BigDecimal sum() {
        var value = product();
        while (peek('+') || peek('-')) {
            value = text.charAt(pos++) == '+' ? value.add(product()) : value.subtract(product());
        }
        return value;
    }

    private BigDecimal product() {
        var value = unary();
        while (peek('*') || peek('/')) {
            if (text.charAt(pos++) == '*') {
                value = value.multiply(unary());
            } else {
                value = value.divide(unary(), MathContext.DECIMAL64);
            }
        }
        return value;
    }

    /** Unary minus binds tighter than ^, as in EvalEx. */
    private BigDecimal unary() {
        if (peek('-')) {
            pos++;
            return power(unary().negate());
        }
        return power(atom());
    }

    private BigDecimal power(BigDecimal base) {
        if (peek('^')) {
            pos++;
            var exponent = unary();
            return exponent.stripTrailingZeros().scale() <= 0
                    ? base.pow(exponent.intValueExact(), MathContext.DECIMAL64)
                    : BigDecimal.valueOf(Math.pow(base.doubleValue(), exponent.doubleValue()));
        }
        return base;
    }

    private BigDecimal atom() {
        if (text.startsWith("ROUND(", pos)) {
            pos += 6;
            var value = sum();
            expect(',');
            int places = sum().intValueExact();
            expect(')');
            return value.setScale(places, RoundingMode.HALF_UP);
        }
        if (text.startsWith("SQRT(", pos)) {
            pos += 5;
            var value = sum();
            expect(')');
            return value.sqrt(MathContext.DECIMAL64);
        }
        if (peek('(')) {
            pos++;
            var value = sum();
            expect(')');
            return value;
        }
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected a number at " + pos + " in " + text);
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
        }
        pos++;
    }
}
