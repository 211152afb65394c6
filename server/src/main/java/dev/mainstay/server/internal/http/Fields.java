package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the fields of a JSON request object, collecting every problem so the client hears about all of them at
 * once: unknown fields, missing ones, wrong types, lengths and ranges. {@link #check()} throws one
 * {@link ProblemType#INVALID_REQUEST} listing them.
 */
final class Fields {
    private final ObjectNode node;
    private final String prefix;
    private final List<Problem.FieldError> errors;

    private Fields(ObjectNode node, String prefix, List<Problem.FieldError> errors, Set<String> allowed) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            var name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new Problem.FieldError(prefix + safe(name), allowed.isEmpty()
                        ? "unknown field; this request takes no fields"
                        : "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    static Fields of(ObjectNode node, Set<String> allowed) {
        return new Fields(node, "", new ArrayList<>(), allowed);
    }

    /** The fields of the nested object {@code name}, reporting into the same list. */
    Optional<Fields> object(String name, Set<String> allowed) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof ObjectNode object)) {
            error(name, "must be an object");
            return Optional.empty();
        }
        return Optional.of(new Fields(object, prefix + name + ".", errors, allowed));
    }

    String requiredText(String name, int maxLength) {
        var value = optionalText(name, maxLength);
        if (value.isEmpty() && present(name).isEmpty()) { // absent or null: a blank or mistyped value is reported
            error(name, "is required");
        }
        return value.orElse("");
    }

    Optional<String> optionalText(String name, int maxLength) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual()) {
            error(name, "must be a string");
            return Optional.empty();
        }
        var text = value.get().textValue();
        if (text.isBlank()) {
            error(name, "must not be blank");
            return Optional.empty();
        }
        if (text.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters, but was " + text.length());
            return Optional.empty();
        }
        if (text.indexOf('\u0000') >= 0) {
            error(name, "must not contain NUL characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** A text that must match {@code pattern} (an id, a name); {@code what} says what it must be. */
    Optional<String> optionalToken(String name, String pattern, String what) {
        var value = optionalText(name, 200);
        if (value.isPresent() && !value.get().matches(pattern)) {
            error(name, "must be " + what);
            return Optional.empty();
        }
        return value;
    }

    Optional<Integer> optionalInt(String name, int min, int max) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isIntegralNumber() || !value.get().canConvertToInt()) {
            error(name, "must be a whole number between " + min + " and " + max);
            return Optional.empty();
        }
        int n = value.get().intValue();
        if (n < min || n > max) {
            error(name, "must be between " + min + " and " + max + ", but was " + n);
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /**
     * A span of whole seconds: a number of seconds ({@code 30}) or a duration string ({@code "30s"}, {@code "2m"},
     * {@code "PT30S"}), between {@code min} and {@code max} seconds.
     */
    Optional<Integer> optionalSeconds(String name, int min, int max) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        var shape = "must be a whole number of seconds or a duration such as \"30s\" or \"2m\", between " + min
                + " and " + max + " seconds";
        if (value.get().isTextual()) {
            var span = dev.mainstay.time.Durations.parse(value.get().textValue());
            if (span.isEmpty() || span.get().getNano() != 0) {
                error(name, shape);
                return Optional.empty();
            }
            long seconds = span.get().toSeconds();
            if (seconds < min || seconds > max) {
                error(name, "must be between " + min + " and " + max + " seconds, but was "
                        + dev.mainstay.time.Durations.format(span.get()));
                return Optional.empty();
            }
            return Optional.of((int) seconds);
        }
        if (!value.get().isIntegralNumber() || !value.get().canConvertToInt()) {
            error(name, shape);
            return Optional.empty();
        }
        return optionalInt(name, min, max);
    }

    Optional<Boolean> optionalBoolean(String name) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isBoolean()) {
            error(name, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.get().booleanValue());
    }

    /** An amount of US dollars, a number or a decimal string, 0 to {@code max}, at most 8 decimal places. */
    Optional<java.math.BigDecimal> optionalUsd(String name, java.math.BigDecimal max) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        java.math.BigDecimal usd = null;
        try {
            usd = value.get().isNumber() ? value.get().decimalValue()
                    : value.get().isTextual() ? new java.math.BigDecimal(value.get().textValue()) : null;
        } catch (NumberFormatException e) {
            usd = null;
        }
        if (usd == null || usd.signum() < 0 || usd.compareTo(max) > 0
                || usd.stripTrailingZeros().scale() > dev.mainstay.cost.UsdUnits.SCALE) {
            error(name, "must be US dollars from 0 to " + max.toPlainString() + " with at most "
                    + dev.mainstay.cost.UsdUnits.SCALE + " decimal places");
            return Optional.empty();
        }
        return Optional.of(usd);
    }

    Optional<String> optionalEnum(String name, List<String> allowed) {
        var value = present(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual() || !allowed.contains(value.get().textValue())) {
            error(name, "must be one of " + String.join(", ", allowed));
            return Optional.empty();
        }
        return Optional.of(value.get().textValue());
    }

    /** A field's value; null counts as absent. */
    private Optional<JsonNode> present(String name) {
        var value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    void error(String name, String message) {
        errors.add(new Problem.FieldError(prefix + name, message));
    }

    /** @throws ProblemException listing every problem found, when there was any */
    void check() {
        if (!errors.isEmpty()) {
            var first = errors.getFirst();
            var detail = errors.size() == 1 ? first.field() + " " + first.message()
                    : errors.size() + " fields are invalid; the first: " + first.field() + " " + first.message();
            throw new Problem(ProblemType.INVALID_REQUEST, detail, errors, Optional.empty(), java.util.Map.of())
                    .exception();
        }
    }

    /** A client's field name, safe to echo: printable ASCII, at most 64 characters. */
    private static String safe(String name) {
        var printable = name.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
    }
}
