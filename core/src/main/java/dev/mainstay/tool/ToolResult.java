package dev.mainstay.tool;

import java.util.Objects;

/**
 * What a tool call produced, as the model will see it. A failure the model should know about (bad input, an
 * unknown place, a backend down) is an error result, not an exception.
 *
 * @param content the text returned to the model
 * @param isError whether the call failed
 * @param degraded whether a policy answered instead of the tool (e.g. its breaker is open)
 */
public record ToolResult(String content, boolean isError, boolean degraded) {
    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false, false);
    }

    public static ToolResult error(String message) {
        return new ToolResult(message, true, false);
    }

    public static ToolResult degraded(String message) {
        return new ToolResult(message, true, true);
    }
}
