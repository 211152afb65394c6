package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real command line in-process: real simulator, real SDK over HTTP, real tools, real SQLite. */
class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> extraEnv, String... args) {
        var env = new HashMap<String, String>();
        env.put("MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString());
        env.putAll(extraEnv);
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void askWithJsonPrintsOneDocumentWithTheAnswerStepsUsageAndCost() {
        int exit = run(Map.of(), "ask", "--json", "what's 12.5% of 880");

        assertThat(exit).as(stderr()).isZero();
        var doc = Json.parseObject(stdout().strip());
        assertThat(doc.path("stop_reason").asText()).isEqualTo("completed");
        assertThat(doc.path("answer").asText()).contains("110");
        var tools = doc.path("steps").findValues("tool").stream().map(n -> n.asText()).toList();
        assertThat(tools).contains("calculator");
        // with automatic prompt caching the whole prompt may be written to or read from the cache: count every kind
        var usage = doc.path("usage");
        assertThat(usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong()
                + usage.path("cache_read_input_tokens").asLong()).isPositive();
        assertThat(usage.path("output_tokens").asLong()).isPositive();
        assertThat(doc.path("cost_usd").decimalValue()).isPositive();
        assertThat(stderr()).contains("built-in simulator");
    }

    @Test
    void theDemoRunsItsThreeTasksOfflineAndReportsEachOne() {
        int exit = run(Map.of(), "demo");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).contains("Task 1 of 3", "Task 2 of 3", "Task 3 of 3")
                .contains("calculator", "get_weather", "web_search", "save_note")
                .contains("409.5")
                .contains("Lisbon")
                .contains("Tokens: input", "cache write", "Cost: $", "Duration:");
        assertThat(stdout()).doesNotContain("Stop reason: failed");
    }

    @Test
    void invalidConfigurationPrintsOneLineAndExitsWithTwo() {
        int exit = run(Map.of("MAINSTAY_MAX_STEPS", "zero", "MAINSTAY_RUN_DEADLINE", "-5s"), "ask", "hi");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(stderr()).startsWith("mainstay: ").contains("MAINSTAY_MAX_STEPS").contains("MAINSTAY_RUN_DEADLINE")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace() {
        int exit = run(Map.of("MAINSTAY_MAX_STEPS", "zero"), "ask", "--verbose", "hi");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("\tat ");
    }

    @Test
    void aModelWithoutAPriceHasAnUnknownCostAndOneNoticeNamingThePricesVariable() {
        int exit = run(Map.of("MAINSTAY_MODEL", "my-custom-model"), "demo");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).contains("Cost: unknown (no price for model 'my-custom-model'; set MAINSTAY_PRICES)")
                .doesNotContain("Cost: $");
        assertThat(stderr().lines().filter(l -> l.contains("MAINSTAY_PRICES"))).hasSize(1);
    }

    @Test
    void anUnknownCostIsNullWithAReasonInJson() {
        int exit = run(Map.of("MAINSTAY_MODEL", "my-custom-model"), "ask", "--json", "what is 2 + 2");

        assertThat(exit).as(stderr()).isZero();
        var doc = Json.parseObject(stdout().strip());
        assertThat(doc.get("cost_usd").isNull()).isTrue();
        assertThat(doc.path("cost_unknown_reason").asText()).contains("my-custom-model", "MAINSTAY_PRICES");
        assertThat(doc.path("steps").get(0).get("cost_usd").isNull()).isTrue();
    }

    @Test
    void anEmptyTaskIsAUsageError() {
        assertThat(run(Map.of(), "ask", "  ")).isEqualTo(2);
        assertThat(stderr()).contains("task must not be empty");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(stderr().strip().lines()).hasSize(1);
    }
}
