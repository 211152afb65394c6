package dev.mainstay.bench.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One node of the crash suite as its chaos loop drives it: a {@code mainstay serve} process ({@link ServeNode}) or
 * a node hosted in the suite's own process ({@link InProcessNode}). Used from the suite's one chaos thread; the
 * accessors may be read from any thread.
 */
interface Node {
    /** The slot's name, {@code node-a} or {@code node-b}; a restarted node keeps it. */
    String name();

    /** Where its API listens. */
    URI url();

    /** The worker name it claims runs under; a restarted node has a new one. */
    String worker();

    /** Whether it is up (not killed, not terminated); a paused node is alive. */
    boolean alive();

    /** Kills it as a crash would — no hand-back, no last write — and returns, within a bound, once it is gone. */
    void kill() throws IOException, InterruptedException;

    /** Stops it from doing anything past its lease, until {@link #resume}. */
    void pause() throws IOException, InterruptedException;

    void resume() throws IOException, InterruptedException;

    /** Shuts it down gracefully, at most {@code max}; returns its exit code, or -1 when it had to be killed. */
    int terminate(Duration max) throws IOException, InterruptedException;

    /** Its log file. */
    Path log();

    /** Starts the node of one slot; {@code generation} numbers its restarts, so every start writes its own log. */
    @FunctionalInterface
    interface Launcher {
        Node start(String name, int generation) throws IOException, InterruptedException;
    }
}
