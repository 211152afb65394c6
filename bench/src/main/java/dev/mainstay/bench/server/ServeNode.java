package dev.mainstay.bench.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One {@code mainstay serve} process started through the {@code ./mainstay} script (which {@code exec}s the JVM, so
 * the process is the JVM itself): SIGKILL is a real crash with no shutdown hook and no last write, SIGSTOP a real
 * pause that lets its leases expire. Its output goes to a log file the report points at.
 */
final class ServeNode implements Node {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+) .*worker (\\S+?)\\)");

    private final String name;
    private final Process process;
    private final Path log;
    private volatile URI url;
    private volatile String worker;

    private ServeNode(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts a node; {@code generation} numbers its restarts, so every start writes its own log. */
    static ServeNode start(Path root, Path logs, String name, int generation, Map<String, String> env)
            throws IOException {
        var log = logs.resolve(name + "-" + generation + ".log");
        var builder = new ProcessBuilder(List.of(root.resolve("mainstay").toString(), "serve", "--port", "0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(root.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("MAINSTAY_") || k.equals("ANTHROPIC_API_KEY"));
        builder.environment().putAll(env);
        return new ServeNode(name, builder.start(), log);
    }

    /** Waits, at most {@code max}, until the node prints where it listens. */
    ServeNode awaitListening(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            var m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                url = URI.create("http://127.0.0.1:" + m.group(1));
                worker = m.group(2);
                return this;
            }
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
        }
        throw new IllegalStateException(name + " did not start within " + max + "; see " + log);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public String worker() {
        return worker;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait until the process is gone. */
    @Override
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the JVM stops at once, its lease renewer with it. */
    @Override
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: the paused JVM carries on, with leases it no longer holds. */
    @Override
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGTERM and wait at most {@code max}; returns the exit code, or -1 when it had to be killed. */
    @Override
    public int terminate(Duration max) throws InterruptedException {
        process.destroy();
        if (process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    private void signal(String name) throws IOException, InterruptedException {
        var kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    @Override
    public Path log() {
        return log;
    }
}
