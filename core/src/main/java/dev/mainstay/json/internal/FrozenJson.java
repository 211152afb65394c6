package dev.mainstay.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * Read-only Jackson trees, so that the records holding a tool's input can share one tree instead of each taking a
 * copy of it.
 *
 * <p>Why: the records that carry what the model asked a tool to do ({@code ToolUseBlock}, {@code ToolCall},
 * {@code ToolStep}, {@code ToolIntent}, {@code PolicyDecision}, {@code ToolCallStarted}) promise that nothing done to
 * a node they were given or handed out changes them. They used to keep that promise by deep-copying on the way in
 * and on the way out, which cost a tool call six to nine copies of its input. A frozen tree keeps the same promise
 * by construction: its objects and arrays are backed by unmodifiable collections, so every mutator of
 * {@link ObjectNode} and {@link ArrayNode} throws {@link UnsupportedOperationException}, and its leaves are Jackson's
 * immutable value nodes. A record keeps a frozen tree as it is ({@link #freeze} returns it), and copies any other.
 * Accessors still hand out {@link JsonNode#deepCopy() deep copies}, which are ordinary mutable trees: callers see no
 * difference.
 *
 * <p>A frozen tree never leaves Mainstay's own code: only the loop passes one from record to record.
 */
public final class FrozenJson {
    private FrozenJson() {}

    /** {@code node} itself when it is already frozen, else a frozen deep copy of it. */
    public static ObjectNode freeze(ObjectNode node) {
        return node instanceof FrozenObject ? node : frozenObject(node);
    }

    /** Whether {@code node} is a frozen tree (one {@link #freeze} made). */
    public static boolean isFrozen(JsonNode node) {
        return node instanceof FrozenObject || node instanceof FrozenArray;
    }

    private static JsonNode frozen(JsonNode node) {
        return switch (node) {
            case FrozenObject object -> object;
            case FrozenArray array -> array;
            case ObjectNode object -> frozenObject(object);
            case ArrayNode array -> frozenArray(array);
            default -> node.deepCopy(); // value nodes: immutable, their deepCopy is themselves
        };
    }

    private static FrozenObject frozenObject(ObjectNode node) {
        var children = new LinkedHashMap<String, JsonNode>(Math.max(2, (int) (node.size() / 0.75f) + 1));
        for (var property : node.properties()) {
            children.put(property.getKey(), frozen(property.getValue()));
        }
        return new FrozenObject(children);
    }

    private static FrozenArray frozenArray(ArrayNode node) {
        var children = new ArrayList<JsonNode>(node.size());
        for (var element : node) {
            children.add(frozen(element));
        }
        return new FrozenArray(children);
    }

    /** An object node whose properties cannot change; its deep copies are ordinary nodes of the default factory. */
    private static final class FrozenObject extends ObjectNode {
        FrozenObject(LinkedHashMap<String, JsonNode> children) {
            super(JsonNodeFactory.instance, Collections.unmodifiableMap(children));
        }
    }

    /** An array node whose elements cannot change. */
    private static final class FrozenArray extends ArrayNode {
        FrozenArray(ArrayList<JsonNode> children) {
            super(JsonNodeFactory.instance, Collections.unmodifiableList(children));
        }
    }
}
