package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fidelity with a client nobody here wrote: the official Anthropic TypeScript SDK talks to the simulator from one
 * Node process ({@code fidelity.mjs}) that prints one JSON result. It runs twice: with the pinned release
 * ({@code @anthropic-ai/sdk}) and with the newest release (the npm alias {@code sdk-latest}); both are pinned to
 * exact versions in {@code src/test/node/package.json} and its lockfile. Needs {@code node} and {@code npm} on the
 * PATH; installs node_modules with {@code npm ci} when missing. Never skipped: a machine without Node fails here
 * with a message saying so. Each run's result is also written to {@code target/fidelity-<sdk>.json}.
 */
class SimulatorTypeScriptSdkTest {
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;
    /** The SDK packages the script is run with, by the name the tests use. */
    private static final Map<String, String> SDKS = Map.of("pinned", "@anthropic-ai/sdk", "latest", "sdk-latest");
    private static final String MODEL = "claude-sonnet-4-6";

    private static Simulator simulator;
    private static final Map<String, JsonNode> RESULTS = new TreeMap<>();

    @BeforeAll
    static void runTheSdksAgainstTheSimulator() throws Exception {
        var project = nodeProject();
        requireOnPath("node");
        requireOnPath("npm");
        if (!Files.isDirectory(project.resolve("node_modules/@anthropic-ai/sdk"))
                || !Files.isDirectory(project.resolve("node_modules/sdk-latest"))) {
            run(project, NPM_TIMEOUT_SECONDS, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller()));
        for (var sdk : new TreeMap<>(SDKS).entrySet()) {
            var output = run(project, SCRIPT_TIMEOUT_SECONDS,
                    List.of("node", "fidelity.mjs", simulator.baseUrl().toString(), sdk.getValue()));
            var lines = output.strip().lines().toList();
            var result = Json.parse(lines.getLast());
            RESULTS.put(sdk.getKey(), result);
            var target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("fidelity-" + sdk.getKey() + ".json"), Json.write(result));
            }
        }
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

    private static JsonNode section(String sdk, String name) {
        var result = RESULTS.get(sdk);
        assertThat(result).as("the " + sdk + " SDK's result").isNotNull();
        JsonNode node = result;
        for (var part : name.split("\\.")) {
            node = node.get(part);
            assertThat(node).as(sdk + ": " + name).isNotNull();
        }
        assertThat(node.has("unexpectedError")).as(sdk + ": " + name + " failed in the SDK: " + node).isFalse();
        return node;
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    @Test
    void runsThePinnedReleaseAndTheNewestOne() {
        assertThat(section("pinned", "sdkVersion").asText()).isEqualTo("1.14.0");
        assertThat(section("latest", "sdkVersion").asText()).isEqualTo(LATEST_SDK_VERSION);
    }

    /** The newest {@code @anthropic-ai/sdk} release when this test was last updated; pinned in package.json. */
    static final String LATEST_SDK_VERSION = "1.17.0";

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkReadsANonStreamingMessage(String sdk) {
        var message = section(sdk, "nonStreaming");

        assertThat(message.get("id").asText()).startsWith("msg_01");
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("model").asText()).isEqualTo(MODEL);
        assertThat(message.get("stopReason").asText()).isEqualTo("end_turn");
        assertThat(message.get("stopSequence").isNull()).isTrue();
        assertThat(message.get("text").asText()).isEqualTo("Hello from the simulator, in a few words of text.");
        assertThat(message.get("inputTokens").asLong()).isPositive();
        assertThat(message.get("outputTokens").asLong()).isPositive();
        assertThat(message.get("requestId").asText()).startsWith("req_");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkAccumulatesAStreamedToolCall(String sdk) {
        var message = section(sdk, "streaming");

        assertThat(message.get("stopReason").asText()).isEqualTo("tool_use");
        assertThat(strings(message.get("contentTypes"))).containsExactly("text", "tool_use");
        assertThat(message.get("streamedText").asText()).isEqualTo("Let me check the weather.");
        assertThat(message.get("toolUseId").asText()).startsWith("toolu_01");
        assertThat(message.get("toolUses").get(0).get("name").asText()).isEqualTo("get_weather");
        assertThat(message.get("toolUses").get(0).get("input")).isEqualTo(Json.parseObject("{\"location\":\"Lisbon\"}"));
        var events = message.get("eventTypes").toString();
        assertThat(events).startsWith("[\"message_start\",\"content_block_start\"").endsWith("\"message_stop\"]");
    }

    /**
     * The tool runner threads by default; the simulator refuses {@code thread} with
     * {@code thread_unsupported_request}, and the SDK sends the conversation again without it.
     */
    private static void assertARunThatFellBackFromThreads(JsonNode run) {
        var requests = run.get("requests");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(requests.get(0).get("thread").get("type").asText()).isEqualTo("create");
        assertThat(requests.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(requests.get(1).get("thread").isNull()).isTrue();
        assertThat(requests.get(2).get("status").asInt()).isEqualTo(200);
        assertThat(requests.get(2).get("thread").isNull()).isTrue();
        assertThat(requests.get(2).get("messages").asInt()).isEqualTo(3);
        assertThat(run.get("ranWith")).containsExactly(Json.parseObject("{\"location\":\"Lisbon\"}"));
        assertThat(run.get("stopReason").asText()).isEqualTo("end_turn");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theToolRunnerRunsTheToolAndFinishesWithTheAnswer(String sdk) {
        var run = section(sdk, "toolRunner");

        assertARunThatFellBackFromThreads(run);
        assertThat(run.get("text").asText()).isEqualTo("The tool said: 18 °C and sunny in Lisbon");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theStreamingToolRunnerRunsTheToolAndFinishesWithTheAnswer(String sdk) {
        var run = section(sdk, "toolRunnerStreaming");

        assertARunThatFellBackFromThreads(run);
        assertThat(run.get("text").asText()).isEqualTo("The tool said: 18 °C and sunny in Lisbon");
        assertThat(run.get("turns")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(run.get("turns").get(run.get("turns").size() - 1).toString()).endsWith("\"message_stop\"]");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theToolRunnerSendsTheThinkingBlockBackWithTheToolResult(String sdk) {
        var run = section(sdk, "toolRunnerThinking");

        assertARunThatFellBackFromThreads(run);
        assertThat(strings(run.get("contentTypes"))).containsExactly("thinking", "text");
        assertThat(run.get("thinking").asText()).startsWith("The tool results are back: get_weather returned");
        assertThat(run.get("text").asText()).isEqualTo("The tool said: 18 °C and sunny in Lisbon");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void toolChoiceIsHonoured(String sdk) {
        var auto = section(sdk, "toolChoice.auto");
        assertThat(strings(auto.get("contentTypes"))).containsExactly("text", "tool_use");

        var any = section(sdk, "toolChoice.any");
        assertThat(strings(any.get("contentTypes"))).containsExactly("tool_use");
        assertThat(any.get("stopReason").asText()).isEqualTo("tool_use");

        var tool = section(sdk, "toolChoice.tool");
        assertThat(tool.get("toolUses")).singleElement()
                .satisfies(use -> assertThat(use.get("name").asText()).isEqualTo("get_time"));

        var none = section(sdk, "toolChoice.none");
        assertThat(strings(none.get("contentTypes"))).containsExactly("text");
        assertThat(none.get("stopReason").asText()).isEqualTo("end_turn");

        var unknown = section(sdk, "toolChoice.unknownTool");
        assertThat(unknown.get("isBadRequestError").asBoolean()).as(unknown.toString()).isTrue();
        assertThat(unknown.get("apiMessage").asText()).startsWith("tool_choice.tool.name: Tool 'get_news'");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void stopSequencesStopTheTextInJsonAndInAStream(String sdk) {
        var stop = section(sdk, "stopSequences");

        for (var message : List.of(stop.get("json"), stop.get("streamed"))) {
            assertThat(message.get("text").asText()).isEqualTo("Hello from the simulator, in a ");
            assertThat(message.get("stopReason").asText()).isEqualTo("stop_sequence");
            assertThat(message.get("stopSequence").asText()).isEqualTo("few");
        }
        assertThat(stop.get("streamedText").asText()).isEqualTo("Hello from the simulator, in a ");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void thinkingComesFirstStreamsAndIsAcceptedBackUnlessTampered(String sdk) {
        var thinking = section(sdk, "thinking");

        var first = thinking.get("first");
        assertThat(strings(first.get("contentTypes"))).containsExactly("thinking", "text", "tool_use");
        assertThat(first.get("thinking").asText()).startsWith("The user asks: “What is the weather in Lisbon?”.");
        assertThat(first.get("signature").asText()).isNotBlank();
        assertThat(thinking.get("streamedThinking").asText()).isEqualTo(first.get("thinking").asText());
        assertThat(thinking.get("streamedSignature").asText()).isEqualTo(first.get("signature").asText());
        assertThat(thinking.get("streamed").get("thinking")).isEqualTo(first.get("thinking"));
        assertThat(thinking.get("answer").get("text").asText()).isEqualTo("The tool said: 18 °C and sunny");
        var refused = thinking.get("refused");
        assertThat(refused.get("isBadRequestError").asBoolean()).as(refused.toString()).isTrue();
        assertThat(refused.get("apiMessage").asText())
                .isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block");
        assertThat(thinking.get("budgetTooSmall").get("apiMessage").asText())
                .isEqualTo("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkRaisesOverloadedErrorFor529(String sdk) {
        var error = section(sdk, "overloaded");

        assertThat(error.get("threw").asBoolean()).isTrue();
        assertThat(error.get("isOverloadedError").asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("isAPIError").asBoolean()).isTrue();
        assertThat(error.get("status").asInt()).isEqualTo(529);
        assertThat(error.get("type").asText()).isEqualTo("overloaded_error");
        assertThat(error.get("requestID").asText()).startsWith("req_");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkRaisesRateLimitErrorWithTheRetryAfterHeader(String sdk) {
        var error = section(sdk, "rateLimited");

        assertThat(error.get("isRateLimitError").asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("status").asInt()).isEqualTo(429);
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("retryAfter").asText()).isEqualTo("7");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkRaisesAnApiErrorForAnErrorEventInsideAStream(String sdk) {
        var error = section(sdk, "midStream");

        assertThat(error.get("threw").asBoolean()).isTrue();
        assertThat(error.get("isAPIError").asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("type").asText()).isEqualTo("overloaded_error");
    }

    @ParameterizedTest(name = "{0} SDK, {1}")
    @CsvSource({
        "pinned, rate_400, isBadRequestError, 400, invalid_request_error",
        "pinned, rate_400_credit_balance, isBadRequestError, 400, invalid_request_error",
        "pinned, rate_401, isAuthenticationError, 401, authentication_error",
        "pinned, rate_403, isPermissionDeniedError, 403, permission_error",
        "pinned, rate_404, isNotFoundError, 404, not_found_error",
        "pinned, rate_413, isContentTooLargeError, 413, request_too_large",
        "pinned, rate_429_usage_limit, isRateLimitError, 429, rate_limit_error",
        "latest, rate_400, isBadRequestError, 400, invalid_request_error",
        "latest, rate_400_credit_balance, isBadRequestError, 400, invalid_request_error",
        "latest, rate_401, isAuthenticationError, 401, authentication_error",
        "latest, rate_403, isPermissionDeniedError, 403, permission_error",
        "latest, rate_404, isNotFoundError, 404, not_found_error",
        "latest, rate_413, isContentTooLargeError, 413, request_too_large",
        "latest, rate_429_usage_limit, isRateLimitError, 429, rate_limit_error",
    })
    void theSdkRaisesItsErrorClassForEachInjectedClientError(
            String sdk, String fault, String errorClass, int status, String type) {
        var error = section(sdk, "faults." + fault);

        assertThat(error.get("threw").asBoolean()).isTrue();
        assertThat(error.get(errorClass).asBoolean()).as(error.toString()).isTrue();
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("type").asText()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkRetriesOnceAfterRetryAfterMs(String sdk) {
        var run = section(sdk, "retryAfterMs");

        assertThat(run.get("error").get("isRateLimitError").asBoolean()).as(run.toString()).isTrue();
        assertThat(run.get("requests")).hasSize(2);
        assertThat(run.get("requests").get(0).get("retryAfterMs").asText()).isEqualTo("20");
    }

    @ParameterizedTest(name = "{0} SDK")
    @ValueSource(strings = {"pinned", "latest"})
    void theSdkDoesNotRetryWhenTheServerSaysXShouldRetryFalse(String sdk) {
        var run = section(sdk, "shouldRetryFalse");

        assertThat(run.get("error").get("isOverloadedError").asBoolean()).as(run.toString()).isTrue();
        assertThat(run.get("requests")).hasSize(1);
        assertThat(run.get("requests").get(0).get("shouldRetry").asText()).isEqualTo("false");
    }
}
