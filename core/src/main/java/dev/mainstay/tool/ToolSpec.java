package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.model.ToolDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything Mainstay knows about a tool before running it: what the model sees (name, description, input
 * schema) and what policies and the loop need (effects, output trust, timeout, where it runs). Schemas are declared,
 * never inferred by reflection.
 *
 * @param execution where the loop runs the tool's calls; {@link ToolExecution#CONCURRENT} unless the tool is short,
 *     in-process and bounded
 * @param arguments the role of each top-level input property the tool declares for the taint policy
 *     ({@link ArgumentRole#CONTROLLED}: where data goes; {@link ArgumentRole#CONTENT}: data); a property left out is
 *     content. Every name must be a property of {@code inputSchema}.
 */
public record ToolSpec(
        String name, String description, ObjectNode inputSchema, ToolEffect effect, OutputTrust outputTrust,
        Duration timeout, ToolExecution execution, Map<String, ArgumentRole> arguments) {

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
        Objects.requireNonNull(arguments, "arguments");
        var properties = inputSchema.path("properties");
        var unknown = arguments.keySet().stream().filter(a -> !properties.has(a)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("tool " + name + " declares roles for arguments its input schema does"
                    + " not have: " + unknown);
        }
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** A tool with no argument roles declared: every argument is content. */
    public ToolSpec(
            String name, String description, ObjectNode inputSchema, ToolEffect effect, OutputTrust outputTrust,
            Duration timeout, ToolExecution execution) {
        this(name, description, inputSchema, effect, outputTrust, timeout, execution, Map.of());
    }

    /** A tool whose calls run {@link ToolExecution#CONCURRENT concurrently}, each on its own virtual thread. */
    public ToolSpec(
            String name, String description, ObjectNode inputSchema, ToolEffect effect, OutputTrust outputTrust,
            Duration timeout) {
        this(name, description, inputSchema, effect, outputTrust, timeout, ToolExecution.CONCURRENT);
    }

    public ToolSpec withExecution(ToolExecution newExecution) {
        return new ToolSpec(name, description, inputSchema, effect, outputTrust, timeout, newExecution, arguments);
    }

    /** This spec with {@code argument} declared as {@code role}. */
    public ToolSpec withArgument(String argument, ArgumentRole role) {
        var all = new LinkedHashMap<>(arguments);
        all.put(Objects.requireNonNull(argument, "argument"), Objects.requireNonNull(role, "role"));
        return new ToolSpec(name, description, inputSchema, effect, outputTrust, timeout, execution, all);
    }

    /**
     * This spec with another output trust: for a tool whose data others can write (a shared notebook), declare its
     * output {@link OutputTrust#UNTRUSTED} where it is deployed so.
     */
    public ToolSpec withOutputTrust(OutputTrust trust) {
        return new ToolSpec(name, description, inputSchema, effect, trust, timeout, execution, arguments);
    }

    /** The role of {@code argument}: as declared, else {@link ArgumentRole#CONTENT}. */
    public ArgumentRole role(String argument) {
        return arguments.getOrDefault(argument, ArgumentRole.CONTENT);
    }

    public ToolDefinition definition() {
        return new ToolDefinition(name, description, inputSchema);
    }
}
