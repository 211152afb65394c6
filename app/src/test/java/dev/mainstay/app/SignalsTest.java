package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mainstay.json.Json;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM at the process edge, with a real child process: the command line on this test's classpath,
 * asking a simulator (in this JVM) that holds every request open. Every wait is bounded.
 */
class SignalsTest {
    /** Generous bounds for a busy machine; the benchmark (bench/chaos/ctrl-c.sh) measures the real figure. */
    private static final long START_BOUND_SECONDS = 60;
    private static final long EXIT_BOUND_SECONDS = 10;

    @TempDir
    Path dir;

    private final Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0)
            .withFaults(FaultProfile.builder().hangRate(1.0).build()));
    private Process process;

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        sim.close();
    }

    private Process ask(String... extra) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "ask"));
        command.addAll(List.of(extra));
        command.add("What is 12*7?");
        var builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        var env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("MAINSTAY_") || k.startsWith("ANTHROPIC_"));
        env.put("ANTHROPIC_API_KEY", "sim-key");
        env.put("ANTHROPIC_BASE_URL", sim.baseUrl().toString());
        env.put("MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString());
        process = builder.start();
        // the run has sent its model call, which the simulator is holding
        await().atMost(START_BOUND_SECONDS, TimeUnit.SECONDS).until(() -> sim.hangingRequests() == 1
                || !process.isAlive());
        assertThat(process.isAlive()).as("the command is still running: %s", stderr()).isTrue();
        return process;
    }

    private void signal(String name) throws Exception {
        var kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void ctrlCCancelsTheRunPrintsItsPartialReportAndExits130() throws Exception {
        ask();

        signal("INT");

        assertThat(process.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).as(stderr()).isEqualTo(Main.EXIT_SIGINT);
        assertThat(stdout()).contains("Stop reason: cancelled").contains("failed: cancelled");
        assertThat(stderr()).contains("SIGINT: the run was cancelled");
        // the in-flight request was aborted: the simulator saw its connection close
        await().atMost(EXIT_BOUND_SECONDS, TimeUnit.SECONDS).until(() -> sim.hangingRequests() == 0);
    }

    @Test
    void sigtermCancelsTheRunToo() throws Exception {
        ask("--json");

        signal("TERM");

        assertThat(process.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).as(stderr()).isEqualTo(Main.EXIT_SIGTERM);
        var report = Json.parseObject(stdout().strip());
        assertThat(report.path("stop_reason").asText()).isEqualTo("cancelled");
        await().atMost(EXIT_BOUND_SECONDS, TimeUnit.SECONDS).until(() -> sim.hangingRequests() == 0);
    }
}
