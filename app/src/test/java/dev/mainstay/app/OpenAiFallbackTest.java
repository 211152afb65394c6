package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When every Claude model is overloaded, the configured OpenAI-compatible endpoint answers the run. */
class OpenAiFallbackTest {
    @TempDir
    Path dir;

    @Test
    void anOpenAiCompatibleEndpointAnswersWhenClaudeIsOverloaded() throws Exception {
        try (var sim = Simulator.start(SimulatorConfig.defaults().withFaults(
                FaultProfile.builder().rate529(1.0).build()));
                var openAi = new MockWebServer()) {
            openAi.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
                    .body("""
                            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
                             "choices":[{"index":0,"finish_reason":"stop",
                                         "message":{"role":"assistant","content":"Hello from the fallback."}}],
                             "usage":{"prompt_tokens":50,"completion_tokens":6,"total_tokens":56}}""")
                    .build());
            openAi.start();
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var env = Map.of(
                    "ANTHROPIC_API_KEY", "sk-test",
                    "ANTHROPIC_BASE_URL", sim.baseUrl().toString(),
                    "MAINSTAY_RETRY_MAX_ATTEMPTS", "1",
                    "MAINSTAY_OPENAI_BASE_URL", openAi.url("/v1").toString(),
                    "MAINSTAY_OPENAI_API_KEY", "sk-openai-test",
                    "MAINSTAY_OPENAI_MODEL", "gpt-4.1-mini",
                    "MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString());

            int exit = Main.run(new String[] {"ask", "--json", "hello"}, env,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            var doc = Json.parseObject(out.toString(StandardCharsets.UTF_8).strip());
            assertThat(doc.path("answer").asText()).isEqualTo("Hello from the fallback.");
            assertThat(doc.path("steps").get(0).path("model").asText()).isEqualTo("gpt-4.1-mini");
            var sent = Json.parseObject(openAi.takeRequest().getBody().utf8());
            assertThat(sent.path("model").asText()).isEqualTo("gpt-4.1-mini");
        }
    }

    @Test
    void aHalfConfiguredOpenAiEndpointIsAConfigurationError() {
        var err = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {"ask", "hi"}, Map.of("MAINSTAY_OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MAINSTAY_OPENAI_MODEL");
    }
}
