package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call. Implementations are thread-safe; several calls may run at once on virtual threads.
 *
 * <p>{@link #execute} receives input already validated against {@link ToolSpec#inputSchema()}. Expected failures
 * are returned as {@link ToolResult#error}; an exception is treated as a bug or broken infrastructure, and the
 * model is told the tool failed. A tool honours {@link ToolContext#deadline()} and
 * {@link ToolContext#cancellation()}.
 */
public interface Tool {
    ToolSpec spec();

    ToolResult execute(ObjectNode input, ToolContext context) throws Exception;
}
