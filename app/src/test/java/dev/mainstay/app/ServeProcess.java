package dev.mainstay.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code mainstay serve} as a real child process (a JVM of its own, on the test classpath), so SIGKILL is a real
 * crash: no shutdown hook, no last write. Its output goes to a file the test can show when it fails.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+) .*worker (\\S+?)\\)");

    private final Process process;
    private final Path log;
    private URI url;
    private String worker;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServeProcess start(Path dir, String name, Map<String, String> env) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, Main.class.getName(), "serve",
                "--port", "0"));
        var log = dir.resolve(name + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("MAINSTAY_") || k.equals("ANTHROPIC_API_KEY"));
        builder.environment().putAll(env);
        return new ServeProcess(builder.start(), log);
    }

    /** Waits until the node says where it listens. */
    ServeProcess awaitListening(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            var m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                url = URI.create("http://127.0.0.1:" + m.group(1));
                worker = m.group(2);
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.onSpinWait();
            process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("serve did not start within " + max + ":\n" + output());
    }

    URI url() {
        return url;
    }

    String worker() {
        return worker;
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM; returns the exit code. */
    int terminate(Duration max) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("serve did not stop within " + max + " of SIGTERM");
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
