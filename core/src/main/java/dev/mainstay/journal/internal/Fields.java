package dev.mainstay.journal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading required fields with errors that name the field. */
final class Fields {
    private Fields() {}

    static String text(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("journal entry field '" + field + "' must be a string");
        }
        return value.asText();
    }

    static ObjectNode object(JsonNode node, String field) {
        if (node.get(field) instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("journal entry field '" + field + "' must be an object");
    }

    static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("journal entry field '" + field + "' must be an ISO-8601 instant");
        }
    }
}
