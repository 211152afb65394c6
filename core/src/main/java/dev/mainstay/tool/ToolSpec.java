package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.model.ToolDefinition;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything Mainstay knows about a tool before running it: what the model sees (name, description, input
 * schema) and what policies and the loop need (effects, output trust, timeout, where it runs). Schemas are declared,
 * never inferred by reflection.
 *
 * @param execution where the loop runs the tool's calls; {@link ToolExecution#CONCURRENT} unless the tool is short,
 *     in-process and bounded
 */
public record ToolSpec(
        String name, String description, ObjectNode inputSchema, ToolEffect effect, OutputTrust outputTrust,
        Duration timeout, ToolExecution execution) {

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
        Objects.requireNonNull(execution, "execution");
    }

    /** A tool whose calls run {@link ToolExecution#CONCURRENT concurrently}, each on its own virtual thread. */
    public ToolSpec(
            String name, String description, ObjectNode inputSchema, ToolEffect effect, OutputTrust outputTrust,
            Duration timeout) {
        this(name, description, inputSchema, effect, outputTrust, timeout, ToolExecution.CONCURRENT);
    }

    public ToolSpec withExecution(ToolExecution newExecution) {
        return new ToolSpec(name, description, inputSchema, effect, outputTrust, timeout, newExecution);
    }

    public ToolDefinition definition() {
        return new ToolDefinition(name, description, inputSchema);
    }
}
