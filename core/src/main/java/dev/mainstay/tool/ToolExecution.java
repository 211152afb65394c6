package dev.mainstay.tool;

/**
 * Where the agent loop runs a tool's calls. Declared by the tool, like its effects; never guessed.
 *
 * <p>A thread per call buys two things: concurrency with the other tool calls of the same answer, and a deadline
 * the loop can enforce whatever the tool does. It costs a thread start, a hand-off and a timed wait per call — more
 * than a calculator takes to run. So a tool that is short, in-process and bounded says {@link #INLINE}.
 */
public enum ToolExecution {
    /**
     * On its own virtual thread, concurrently with the answer's other tool calls. The loop stops waiting at the
     * call's deadline ({@code min(tool timeout, what is left of the run's deadline)}), interrupts the call and hands
     * the model a timed-out result. For anything that waits on I/O: HTTP backends, databases, subprocesses.
     */
    CONCURRENT,
    /**
     * On the run's own thread, one call after another, with no thread of its own. The loop cannot stop such a call:
     * it relies on the tool being short and bounded (pure computation on bounded input, in-memory lookups). A call
     * that blocks holds its run — declare {@link #CONCURRENT} for anything that might.
     */
    INLINE
}
