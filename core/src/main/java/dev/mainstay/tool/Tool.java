package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call. Implementations are thread-safe; several calls may run at once on virtual threads.
 *
 * <p>{@link #execute} receives input already validated against {@link ToolSpec#inputSchema()}; it is the tool's own
 * copy. Expected failures are returned as {@link ToolResult#error}; an exception — or an {@link Error} such as
 * {@link StackOverflowError}, {@link AssertionError} or {@link LinkageError} — is treated as a bug or broken
 * infrastructure, and the model is told the tool failed; only the JVM's own failures ({@link OutOfMemoryError}, the
 * other {@link VirtualMachineError}s) end the run's execution. A tool honours {@link ToolContext#deadline()} and
 * {@link ToolContext#cancellation()}.
 */
public interface Tool {
    ToolSpec spec();

    ToolResult execute(ObjectNode input, ToolContext context) throws Exception;

    /**
     * Says whether a call of this tool happened, for a run resumed over the call's journaled intent with no recorded
     * outcome. Called only for {@link ToolEffect#SIDE_EFFECT} tools. {@code context} carries the same
     * {@link ToolContext#idempotencyKey()} the call was made with. The default cannot tell: the outcome is recorded
     * as unknown and the call is not run again.
     *
     * @throws Exception when the tool's backend cannot be asked; the outcome is then recorded as unknown
     */
    default Reconciliation reconcile(ObjectNode input, ToolContext context) throws Exception {
        return new Reconciliation.Unknown(spec().name() + " cannot tell whether the call happened");
    }
}
