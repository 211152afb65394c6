package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.StopReason;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ToolErrorTest {
    private final ScriptedBrain brain = new ScriptedBrain(11);
    private final FakeWorld world = new FakeWorld(11, InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z")));

    @Test
    void failedSearchIsReportedAndTheDependentNoteIsNotSaved() {
        var bench = new ToolBench(world).failing("web_search", "web search is not configured");

        var transcript = Dialogue.run(brain, bench,
                "Search for the tallest building in Europe and save a note with the answer.");

        assertThat(bench.toolNames()).containsExactly("web_search");
        assertThat(transcript.last().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(transcript.finalText())
                .contains("The web search for \"the tallest building in Europe\" failed: web search is not configured")
                .contains("I didn't save a note because the web search failed.");
        assertThat(bench.notes()).isEmpty();
    }

    @Test
    void oneFailedToolDoesNotHideTheOtherResults() {
        var bench = new ToolBench(world).failing("get_weather", "the weather service timed out");

        var transcript = Dialogue.run(brain, bench, "What is 17.5% of 2340, and what's the weather in Lisbon?");

        assertThat(transcript.finalText()).contains("409.5")
                .contains("The weather lookup for Lisbon failed: the weather service timed out");
    }

    @Test
    void calculatorErrorsAreQuotedInTheAnswer() {
        var transcript = Dialogue.run(brain, new ToolBench(world).failing("calculator", "Division by zero"),
                "what is 1/0");

        assertThat(transcript.finalText()).isEqualTo("The calculator failed on 1/0: Division by zero");
    }

    @Test
    void unknownPlaceErrorFromTheToolIsPassedOn() {
        var transcript = Dialogue.run(brain, new ToolBench(world), "What's the weather in Atlantis?");

        assertThat(transcript.finalText()).contains("failed").contains("No place found named \"Atlantis\"");
    }

    @Test
    void unexpectedToolOutputIsQuotedRatherThanMisread() {
        var transcript = Dialogue.run(brain, new ToolBench(world).answering("get_weather", "<html>502 Bad Gateway</html>"),
                "Is it raining in Oslo?");

        assertThat(transcript.finalText()).isEqualTo("The weather service returned: <html>502 Bad Gateway</html>");
    }
}
