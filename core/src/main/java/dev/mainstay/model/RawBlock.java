package dev.mainstay.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A content block of a type Mainstay does not model (a server tool's use or result, a citation-bearing block, a
 * type the provider adds later), kept exactly as it came so it can be journaled and sent back unchanged.
 *
 * <p>Immutable: the JSON is copied on the way in and on the way out, so no holder can change the record.
 *
 * @param type the block's wire {@code type}
 */
public record RawBlock(String type, ObjectNode json) implements ContentBlock {
    public RawBlock {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        if (type.isBlank()) {
            throw new IllegalArgumentException("a raw block needs its type");
        }
        json = json.deepCopy();
        json.put("type", type);
    }

    /** The whole block as it came, {@code type} included; a copy the caller may change. */
    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}
