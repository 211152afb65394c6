package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing rules change the model the provider is asked for, through the real composition root and the SDK. */
class RoutingCliTest {
    @TempDir
    Path dir;

    @Test
    void aMatchingRuleSendsTheCallToItsModelAndTheStepSaysWhichRuleChose() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"ask", "--json", "what's 12.5% of 880"},
                Map.of("MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString(),
                        "MAINSTAY_ROUTING", "tool=calculator=claude-haiku-4-5"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        var doc = Json.parseObject(out.toString(StandardCharsets.UTF_8).strip());
        var models = doc.path("steps").findValuesAsText("model");
        // the first call is the configured model; the one after the calculator ran is routed to the small one
        assertThat(models.getFirst()).isEqualTo("claude-sonnet-5-5");
        assertThat(models.getLast()).isEqualTo("claude-haiku-4-5");
    }
}
