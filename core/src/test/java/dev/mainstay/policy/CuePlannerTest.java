package dev.mainstay.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CuePlannerTest {
    private static final ToolSpec SAVE = spec("save_note");
    private static final ToolSpec SEND = spec("send_message");

    private static ToolSpec spec(String name) {
        return new ToolSpec(name, name, Json.parseObject("{\"type\":\"object\"}"), ToolEffect.SIDE_EFFECT,
                OutputTrust.TRUSTED, Duration.ofSeconds(1));
    }

    @Test
    void aToolWithoutACueIsPlannedOncePerSentenceNamingIt() {
        var planner = new CuePlanner(Map.of());

        var plan = planner.plan("Search for the tallest building in Europe and save a note with the answer.",
                List.of(SAVE, SEND));

        assertThat(plan).isEqualTo(new Plan(Map.of("save_note", 1)));
    }

    @Test
    void aCuePlansOneCallPerMatch() {
        var planner = new CuePlanner(Map.of("save_note",
                ToolRule.of("save_note").withCue("\\b(?:save|take)\\b[^.!?]{0,20}\\bnote\\b|\\bremember\\b")));

        var plan = planner.plan("Save a note titled A. Take a note about B, and remember C.", List.of(SAVE));

        assertThat(plan.allowed("save_note")).isEqualTo(3);
    }

    @Test
    void nothingIsPlannedThatTheTaskDoesNotAskFor() {
        var plan = new CuePlanner(Map.of()).plan("What's the weather in Lisbon?", List.of(SAVE, SEND));

        assertThat(plan).isEqualTo(Plan.EMPTY);
    }
}
