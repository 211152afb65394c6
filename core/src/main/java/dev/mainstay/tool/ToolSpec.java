package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.model.ToolDefinition;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything Mainstay knows about a tool before running it: what the model sees (name, description, input
 * schema) and what policies need (effects, output trust, timeout). Schemas are declared, never inferred by
 * reflection.
 */
public record ToolSpec(
        String name, String description, ObjectNode inputSchema, ToolEffect effect, OutputTrust outputTrust,
        Duration timeout) {

    /** The default timeout of one tool call, before the run's deadline shortens it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must match " + NAME + ", but was '" + name + "'");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(outputTrust, "outputTrust");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tool timeout must be positive, but was " + timeout);
        }
    }

    public ToolDefinition definition() {
        return new ToolDefinition(name, description, inputSchema);
    }
}
