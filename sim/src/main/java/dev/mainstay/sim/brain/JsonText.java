package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.math.BigDecimal;
import java.util.Optional;

/** Lenient reading of tool output that should be JSON: a brain must answer even when a tool returns something else. */
final class JsonText {
    private JsonText() {}

    static Optional<JsonNode> parse(String text) {
        try {
            var node = Json.parse(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<String> text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip()) : Optional.empty();
    }

    /** A number as people write it: {@code 18.0} → "18", {@code 14.20} → "14.2". */
    static Optional<String> number(JsonNode node, String field) {
        var value = node.path(field);
        if (!value.isNumber()) {
            return Optional.empty();
        }
        var decimal = value.decimalValue().stripTrailingZeros();
        return Optional.of(decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString());
    }

    /** Equal JSON, whatever the numeric node types (5 as int or long) or the order of object fields. */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.equals(y)
                || x.isNumber() && y.isNumber() && x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1, b);
    }

    static Optional<BigDecimal> decimal(JsonNode node, String field) {
        var value = node.path(field);
        return value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
    }
}
