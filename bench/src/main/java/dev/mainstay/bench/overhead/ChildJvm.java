package dev.mainstay.bench.overhead;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.bench.harness.CannedServerMain;
import dev.mainstay.bench.harness.StackProcess;
import dev.mainstay.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Launches the JVMs of the benchmark: the server and, one at a time, each stack. */
final class ChildJvm {
    private ChildJvm() {}

    /** The {@code java} launcher of this JVM: every child runs on the same JDK. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The server process; closing it closes its standard input, which stops it. */
    record Server(Process process, URI fast, URI slow) implements AutoCloseable {
        static Server start(List<String> command, Path log, Duration timeout) throws IOException {
            var process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            var ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (var line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.startsWith(CannedServerMain.READY_PREFIX)) {
                            return line.substring(CannedServerMain.READY_PREFIX.length());
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            }, Thread::startVirtualThread);
            String line;
            try {
                line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                line = null;
            } catch (ExecutionException | TimeoutException e) {
                line = null;
            }
            if (line == null) {
                process.destroyForcibly();
                throw new IOException("the server did not start within " + timeout.toSeconds() + " s; see " + log);
            }
            URI fast = null;
            URI slow = null;
            for (var part : line.trim().split("\\s+")) {
                if (part.startsWith("fast=")) {
                    fast = URI.create(part.substring(5));
                } else if (part.startsWith("slow=")) {
                    slow = URI.create(part.substring(5));
                }
            }
            if (fast == null || slow == null) {
                process.destroyForcibly();
                throw new IOException("the server announced no fast and slow URLs: " + line);
            }
            return new Server(process, fast, slow);
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs one stack process to its end and returns its result object. Its progress lines go to this process's
     * standard error as they come.
     *
     * @throws IOException when the process fails, times out or prints no result
     */
    static JsonNode runStack(List<String> command, Duration timeout) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var output = CompletableFuture.supplyAsync(() -> {
            var lines = new ArrayList<String>();
            try (var reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (var line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e.getMessage() + ")");
            }
            return lines;
        }, Thread::startVirtualThread);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("the stack did not finish within " + timeout.toMinutes() + " min and was stopped");
        }
        List<String> lines;
        try {
            lines = output.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the stack's output could not be read", e);
        }
        var result = lines.stream().filter(l -> l.startsWith(StackProcess.RESULT_PREFIX)).findFirst()
                .map(l -> Json.parse(l.substring(StackProcess.RESULT_PREFIX.length())));
        if (result.isEmpty()) {
            throw new IOException("the stack exited with " + process.exitValue() + " and printed no result");
        }
        if (result.get().has("error")) {
            throw new IOException("the stack failed: " + result.get().path("error").asText());
        }
        return result.get();
    }
}
