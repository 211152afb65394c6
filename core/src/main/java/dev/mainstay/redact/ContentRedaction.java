package dev.mainstay.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.JournalEntry;
import java.util.Set;

/**
 * Redacts the content of journal entries and of their JSON (the journal as stored, events and run views as the API
 * returns them): every string value except the fields that identify and structure a run — ids, types, names, models,
 * codes, times, and the signature and data of thinking blocks, which the provider checks when a resumed run sends
 * them back. Pure functions.
 */
public final class ContentRedaction {
    /** Fields never redacted: identifiers and structure, not content. */
    public static final Set<String> KEPT = Set.of("v", "type", "run_id", "tenant", "user", "tool_use_id", "id", "tool",
            "name", "model", "agent", "stop_reason", "request_id", "signature", "data", "at", "started_at", "deadline",
            "resolution", "code", "conversation_id", "endpoint", "role", "verdict", "rule", "boundary", "decision",
            "by", "error_code");

    private ContentRedaction() {}

    /** {@code entry} with its content redacted; the same entry when {@code redactor} redacts nothing. */
    public static JournalEntry redact(JournalEntry entry, Redactor redactor) {
        if (redactor.isNone()) {
            return entry;
        }
        var json = JournalCodec.toJson(entry);
        return JournalCodec.decode(redact(json, redactor).toString());
    }

    /** A copy of {@code json} (a journal entry, an event, a run view) with its content redacted. */
    public static ObjectNode redact(ObjectNode json, Redactor redactor) {
        return (ObjectNode) walk(json, redactor, null);
    }

    private static JsonNode walk(JsonNode node, Redactor redactor, String field) {
        return switch (node) {
            case TextNode text -> field != null && KEPT.contains(field) ? text
                    : TextNode.valueOf(redactor.redact(text.textValue()));
            case ObjectNode object -> {
                var copy = object.objectNode();
                object.properties().forEach(e -> copy.set(e.getKey(), walk(e.getValue(), redactor, e.getKey())));
                yield copy;
            }
            case ArrayNode array -> {
                var copy = array.arrayNode();
                array.forEach(e -> copy.add(walk(e, redactor, field)));
                yield copy;
            }
            default -> node.deepCopy();
        };
    }
}
