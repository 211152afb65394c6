package dev.mainstay.sim.brain;

import java.util.OptionalInt;

/**
 * The order of magnitude of an expression the arithmetic grammar wrote (numbers, {@code + - * / ^}, parentheses,
 * {@code SQRT}), estimated in floating point. Rounding to significant figures needs it to choose the decimal places
 * of {@code ROUND(x, places)}; the calculator still computes the value itself, exactly.
 */
final class Magnitude {
    private final String text;
    private int pos;

    private Magnitude(String text) {
        this.text = text.replace(" ", "");
    }

    /** floor(log10(|value|)): 2 for 123.4, -1 for 0.25; empty when the value is zero, not finite or unreadable. */
    static OptionalInt of(String expression) {
        try {
            var parser = new Magnitude(expression);
            double value = parser.sum();
            if (parser.pos != parser.text.length() || value == 0 || !Double.isFinite(value)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of((int) Math.floor(Math.log10(Math.abs(value))));
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    private double sum() {
        double value = product();
        while (peek('+') || peek('-')) {
            value = text.charAt(pos++) == '+' ? value + product() : value - product();
        }
        return value;
    }

    private double product() {
        double value = unary();
        while (peek('*') || peek('/')) {
            value = text.charAt(pos++) == '*' ? value * unary() : value / unary();
        }
        return value;
    }

    /** Unary minus binds tighter than ^, as in EvalEx. */
    private double unary() {
        if (peek('-')) {
            pos++;
            return power(-unary());
        }
        return power(atom());
    }

    private double power(double base) {
        if (peek('^')) {
            pos++;
            return Math.pow(base, unary());
        }
        return base;
    }

    private double atom() {
        if (text.startsWith("SQRT(", pos)) {
            pos += 5;
            double value = sum();
            expect(')');
            return Math.sqrt(value);
        }
        if (peek('(')) {
            pos++;
            double value = sum();
            expect(')');
            return value;
        }
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected a number at " + pos);
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos);
        }
        pos++;
    }
}
