package dev.mainstay.server.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's own tools on deploy/monitoring, with bounded waits. The binaries come from Debian's
 * {@code prometheus} package ({@code .ci/run} installs it); a missing binary fails with a message saying so.
 */
final class Promtool {
    /** deploy/monitoring, from the module directory surefire runs in. */
    static final Path MONITORING = Path.of("..", "deploy", "monitoring").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 60;

    private Promtool() {}

    record Result(int exitCode, String output) {}

    static Path binary(String name) {
        for (var dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not installed: install Debian's prometheus package "
                + "(apt-get install -y prometheus), as .ci/run does");
    }

    static Result run(Path workingDir, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(binary("promtool").toString());
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS
                    + " s");
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }
}
