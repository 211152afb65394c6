package dev.mainstay.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** A tool as the model sees it: name, description and the JSON Schema of its input. */
public record ToolDefinition(String name, String description, ObjectNode inputSchema) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
    }
}
