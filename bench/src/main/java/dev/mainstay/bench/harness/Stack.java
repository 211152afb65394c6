package dev.mainstay.bench.harness;

/**
 * One way of running the {@link ReferenceRun}: the raw SDK loop, Mainstay, or a peer framework. The harness measures
 * what a call of {@link #runOnce} costs the process.
 *
 * <p>Implementations are thread-safe: the harness calls {@code runOnce} from up to a thousand virtual threads at
 * once. Everything a stack needs (HTTP client, agent loop, registries) is built when the stack is opened, never
 * per run, as a production service would do it.
 */
public interface Stack extends AutoCloseable {
    /**
     * Performs one reference run to its end: two model calls and two tool executions.
     *
     * @param stream whether the model calls stream their answers (server-sent events)
     * @return the model's final answer
     * @throws Exception when the run did not complete; the harness counts it as a failed run and stops
     */
    String runOnce(boolean stream) throws Exception;

    /** Releases the stack's clients and threads. */
    @Override
    void close();
}
