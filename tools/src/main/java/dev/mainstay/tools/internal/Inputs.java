package dev.mainstay.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.tool.ToolResult;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads tool input defensively. The agent loop validates input against the schema first, but a tool never relies on
 * that: every reader re-checks type and bounds and throws {@link InvalidInputException} with a one-line message,
 * which {@link #readThen} turns into an error result. Lengths are counted in Unicode code points, as JSON Schema's
 * {@code minLength}/{@code maxLength} are.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * Reads {@code input} with {@code read}, then returns what {@code act} makes of the value read. When
     * {@code read} throws {@link InvalidInputException}, the result is {@link ToolResult#error} with its message and
     * {@code act} is not called; any other exception, and every exception from {@code act}, propagates.
     */
    public static <T> ToolResult readThen(
            ObjectNode input, Function<ObjectNode, T> read, Function<? super T, ToolResult> act) {
        T value;
        try {
            value = read.apply(input);
        } catch (InvalidInputException e) {
            return ToolResult.error(e.getMessage());
        }
        return act.apply(value);
    }

    /** Rejects properties the schema does not declare (the schemas are closed). */
    public static void allowOnly(ObjectNode input, Set<String> names) {
        if (input == null) {
            throw new InvalidInputException("input must be a JSON object");
        }
        for (var it = input.fieldNames(); it.hasNext(); ) {
            var name = it.next();
            if (!names.contains(name)) {
                throw new InvalidInputException("unexpected input property '" + Text.truncate(name, 40) + "'");
            }
        }
    }

    /**
     * A required string of {@code minLength..maxLength} code points; with {@code minLength >= 1} it must also hold
     * something other than whitespace.
     */
    public static String requiredString(ObjectNode input, String name, int minLength, int maxLength) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(name + " is required");
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(name + " must be a string");
        }
        var value = node.textValue();
        // a cheap upper bound first: a string's code points never outnumber its chars
        if (value.length() > maxLength && Text.codePoints(value) > maxLength) {
            throw new InvalidInputException(
                    name + " is too long: " + Text.codePoints(value) + " characters, the limit is " + maxLength);
        }
        if (minLength >= 1 && value.isBlank()) {
            throw new InvalidInputException(name + " must not be blank");
        }
        if (Text.codePoints(value) < minLength) {
            throw new InvalidInputException(name + " must have at least " + minLength + " characters");
        }
        return value;
    }

    /** An optional integer in {@code min..max}; absent or null means {@code defaultValue}. {@code 3.0} counts as 3. */
    public static int optionalInt(ObjectNode input, String name, int min, int max, int defaultValue) {
        JsonNode node = input.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(name + " must be an integer");
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new InvalidInputException(name + " must be an integer");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidInputException(name + " must be between " + min + " and " + max);
        }
        return value.intValueExact();
    }
}
