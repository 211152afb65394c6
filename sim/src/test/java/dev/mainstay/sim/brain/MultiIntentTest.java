package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiIntentTest {
    private final ScriptedBrain brain = new ScriptedBrain(3);
    private final ToolBench bench =
            new ToolBench(new FakeWorld(3, InstantSource.fixed(Instant.parse("2026-11-25T09:30:00Z"))));

    @Test
    void independentRequestsGoOutTogetherInTheOrderAsked() {
        var reply = brain.reply(ReferenceTools.request("What is 17.5% of 2340, and what's the weather in Lisbon?"));

        assertThat(reply.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(reply.content().getFirst()).isInstanceOfSatisfying(TextBlock.class, text -> assertThat(text.text())
                .isEqualTo("I'll calculate 17.5% of 2340 and check the weather in Lisbon."));
        assertThat(ContentBlocks.toolUses(reply.content())).extracting(ToolUseBlock::name)
                .containsExactly("calculator", "get_weather");
    }

    @Test
    void answerCombinesEveryResultAndAddsNoAdviceNobodyAskedFor() {
        var transcript = Dialogue.run(brain, bench, "What is 17.5% of 2340, and what's the weather in Lisbon?");

        assertThat(transcript.replies()).hasSize(2);
        assertThat(transcript.finalText()).contains("17.5% of 2340 is 409.5").contains("Lisbon, Portugal")
                .doesNotContainIgnoringCase("umbrella");
    }

    @Test
    void threeRequestsInOneSentenceGiveThreeCallsInOrder() {
        var reply = brain.reply(ReferenceTools.request("What's 2+2, search for the Eiffel Tower and list my notes"));

        assertThat(ContentBlocks.toolUses(reply.content())).extracting(ToolUseBlock::name)
                .containsExactly("calculator", "web_search", "list_notes");
    }

    @Test
    void aSecondPlaceAfterAWeatherQuestionIsCheckedToo() {
        var reply = brain.reply(ReferenceTools.request("Is it raining in Oslo and Bergen?"));

        assertThat(ContentBlocks.toolUses(reply.content()))
                .extracting(use -> use.input().path("location").asText())
                .containsExactly("Oslo", "Bergen");
    }

    @Test
    void independentStepsAfterADependentOneStillGoOutInTheFirstRound() {
        var transcript = Dialogue.run(brain, bench,
                "Search for the tallest building in Europe, save a note with the answer and tell me 3 times 7");

        assertThat(ContentBlocks.toolUses(transcript.replies().get(0).content())).extracting(ToolUseBlock::name)
                .containsExactly("web_search", "calculator");
        assertThat(ContentBlocks.toolUses(transcript.replies().get(1).content())).extracting(ToolUseBlock::name)
                .containsExactly("save_note");
        assertThat(transcript.finalText()).contains("Lakhta Center").contains("3 times 7 is 21")
                .contains("I saved the note");
    }

    @Test
    void onlyDeclaredToolsAreCalledAndTheRestIsExplained() {
        var transcript = Dialogue.run(brain, bench,
                List.of(dev.mainstay.model.Message.user("What is 17.5% of 2340, and what's the weather in Lisbon?")),
                ReferenceTools.only("calculator"), 5);

        assertThat(bench.toolNames()).containsExactly("calculator");
        assertThat(transcript.finalText()).contains("409.5")
                .contains("I can't check the weather in Lisbon because no get_weather tool is available.");
    }
}
