package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fidelity with a client nobody here wrote: the official Anthropic TypeScript SDK ({@code @anthropic-ai/sdk}, pinned
 * in {@code src/test/node/package.json}) talks to the simulator from one Node process ({@code fidelity.mjs}) that
 * prints one JSON result. Needs {@code node} and {@code npm} on the PATH; installs node_modules with {@code npm ci}
 * when missing. Never skipped: a machine without Node fails here with a message saying so.
 */
class SimulatorTypeScriptSdkTest {
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long SCRIPT_TIMEOUT_SECONDS = 90;

    private static Simulator simulator;
    private static JsonNode result;

    @BeforeAll
    static void runTheSdkAgainstTheSimulator() throws Exception {
        var project = nodeProject();
        requireOnPath("node");
        requireOnPath("npm");
        if (!Files.isDirectory(project.resolve("node_modules/@anthropic-ai/sdk"))) {
            run(project, NPM_TIMEOUT_SECONDS, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller()));
        var output = run(project, SCRIPT_TIMEOUT_SECONDS, List.of("node", "fidelity.mjs", simulator.baseUrl().toString()));
        var lines = output.strip().lines().toList();
        result = Json.parse(lines.getLast());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static Path nodeProject() {
        var configured = System.getProperty("mainstay.sim.nodeProject");
        var project = configured != null ? Path.of(configured) : Path.of("src/test/node").toAbsolutePath();
        if (!Files.isRegularFile(project.resolve("package-lock.json"))) {
            fail("the Node fidelity project is missing: no package-lock.json in " + project);
        }
        return project;
    }

    private static void requireOnPath(String tool) {
        try {
            var process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("'" + tool + " --version' failed; the TypeScript SDK fidelity test needs Node.js 18+ and npm on PATH");
            }
        } catch (IOException e) {
            fail("'" + tool + "' is not on PATH; the TypeScript SDK fidelity test needs Node.js 18+ and npm"
                    + " (install them, e.g. apt-get install nodejs npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking for " + tool);
        }
    }

    /** Runs a command in {@code dir}, returns its standard output; fails with its output on error or timeout. */
    private static String run(Path dir, long timeoutSeconds, List<String> command) throws Exception {
        var log = Files.createTempFile("mainstay-sim-node", ".log");
        try {
            var process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(log.toFile())
                    .start();
            var stdout = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    stdout.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stdout.completeExceptionally(e);
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s; stderr:\n"
                        + Files.readString(log));
            }
            var out = stdout.get(30, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + "; stdout:\n" + out
                        + "\nstderr:\n" + Files.readString(log));
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static JsonNode section(String name) {
        var node = result.get(name);
        assertThat(node).as(name).isNotNull();
        assertThat(node.has("unexpectedError")).as(name + " failed in the SDK: " + node).isFalse();
        return node;
    }

    @Test
    void theSdkReadsANonStreamingMessage() {
        var message = section("nonStreaming");

        assertThat(message.get("id").asText()).startsWith("msg_01");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.get("stopReason").asText()).isEqualTo("end_turn");
        assertThat(message.get("text").asText()).isEqualTo("Hello from the simulator, in a few words of text.");
        assertThat(message.get("inputTokens").asLong()).isPositive();
        assertThat(message.get("outputTokens").asLong()).isPositive();
        assertThat(message.get("requestId").asText()).startsWith("req_");
    }

    @Test
    void theSdkAccumulatesAStreamedToolCall() {
        var message = section("streaming");

        assertThat(message.get("stopReason").asText()).isEqualTo("tool_use");
        assertThat(message.get("contentTypes")).containsExactly(Json.mapper().getNodeFactory().textNode("text"),
                Json.mapper().getNodeFactory().textNode("tool_use"));
        assertThat(message.get("streamedText").asText()).isEqualTo("Let me check the weather.");
        assertThat(message.get("toolUseId").asText()).startsWith("toolu_01");
        assertThat(message.get("toolName").asText()).isEqualTo("get_weather");
        assertThat(message.get("toolInput")).isEqualTo(Json.parseObject("{\"location\":\"Lisbon\"}"));
        var events = message.get("eventTypes").toString();
        assertThat(events).startsWith("[\"message_start\",\"content_block_start\"").endsWith("\"message_stop\"]");
    }

    @Test
    void theSdkRaisesOverloadedErrorFor529() {
        var error = section("overloaded");

        assertThat(error.get("threw").asBoolean()).isTrue();
        assertThat(error.get("isOverloadedError").asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("isAPIError").asBoolean()).isTrue();
        assertThat(error.get("status").asInt()).isEqualTo(529);
        assertThat(error.get("type").asText()).isEqualTo("overloaded_error");
        assertThat(error.get("requestID").asText()).startsWith("req_");
    }

    @Test
    void theSdkRaisesRateLimitErrorWithTheRetryAfterHeader() {
        var error = section("rateLimited");

        assertThat(error.get("isRateLimitError").asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("status").asInt()).isEqualTo(429);
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("retryAfter").asText()).isEqualTo("7");
    }

    @Test
    void theSdkRaisesAnApiErrorForAnErrorEventInsideAStream() {
        var error = section("midStream");

        assertThat(error.get("threw").asBoolean()).isTrue();
        assertThat(error.get("isAPIError").asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("type").asText()).isEqualTo("overloaded_error");
    }
}
