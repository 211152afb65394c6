package dev.mainstay.bench.harness;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Pattern;

/**
 * The two tools of the reference run, as plain functions every stack wraps in its own tool abstraction, so the
 * work a tool does is the same everywhere and trivial next to the framework around it.
 *
 * <p>Expected failures (bad input) come back as an {@code "error: …"} string the model would see, as a real tool
 * would report them; nothing here throws for bad input. Thread-safe and allocation-light.
 */
public final class ReferenceTools {
    /** The weather tool's answer: fixed, so every stack sends the server the same bytes. */
    static final String WEATHER_TEMPLATE = "{\"location\":\"%s\",\"country\":\"Portugal\",\"temperature_c\":21.5,"
            + "\"condition\":\"clear sky\",\"wind_kmh\":12,\"humidity_pct\":64,"
            + "\"forecast\":[{\"day\":\"tomorrow\",\"high_c\":23.0,\"low_c\":15.5,\"rain_mm\":0.0}]}";

    /** An optional operator, then a number; whitespace around either is ignored. */
    private static final Pattern TERM = Pattern.compile("\\s*([-+*/])?\\s*(\\d+(?:\\.\\d+)?)\\s*");

    private ReferenceTools() {}

    /**
     * Evaluates a chain of decimal numbers joined by {@code + - * /}, strictly left to right (no precedence, no
     * parentheses: enough for the reference run's {@code 17.5 * 2340 / 100}), with {@link BigDecimal}.
     *
     * @return the result in plain notation without trailing zeros, or {@code "error: …"} for input it cannot read
     */
    public static String calculator(String expression) {
        if (expression == null || expression.isBlank()) {
            return "error: the expression is empty";
        }
        var matcher = TERM.matcher(expression);
        BigDecimal result = null;
        int end = 0;
        try {
            while (matcher.lookingAt()) {
                var operand = new BigDecimal(matcher.group(2));
                var operator = matcher.group(1);
                if (result == null) {
                    if (operator != null) {
                        return unreadable(expression);
                    }
                    result = operand;
                } else if (operator == null) {
                    return unreadable(expression);
                } else {
                    result = apply(result, operator.charAt(0), operand);
                }
                end = matcher.end();
                matcher.region(end, expression.length());
            }
        } catch (ArithmeticException e) {
            return "error: " + e.getMessage();
        }
        if (result == null || !expression.substring(end).isBlank()) {
            return unreadable(expression);
        }
        return result.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal apply(BigDecimal left, char operator, BigDecimal right) {
        return switch (operator) {
            case '+' -> left.add(right);
            case '-' -> left.subtract(right);
            case '*' -> left.multiply(right);
            default -> {
                if (right.signum() == 0) {
                    throw new ArithmeticException("division by zero");
                }
                yield left.divide(right, MathContext.DECIMAL64);
            }
        };
    }

    private static String unreadable(String expression) {
        return "error: cannot read '" + abbreviate(expression) + "' as numbers separated by + - * /";
    }

    /** The current weather of {@code location} as JSON, or {@code "error: …"} when no place is named. */
    public static String weather(String location) {
        if (location == null || location.isBlank()) {
            return "error: name a place, e.g. Lisbon";
        }
        return WEATHER_TEMPLATE.formatted(jsonEscape(location.strip()));
    }

    private static String jsonEscape(String text) {
        var out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
