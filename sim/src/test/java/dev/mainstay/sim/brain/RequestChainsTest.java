package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Several requests in one message, and a note that saves what another request found. */
class RequestChainsTest {
    private final ScriptedBrain brain = new ScriptedBrain(17);
    private final ToolBench bench =
            new ToolBench(new FakeWorld(17, InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z"))));

    static Stream<Arguments> searchesFollowedByANote() {
        return Stream.of(
                arguments("Could you look up when Apollo 11 landed and save it?", "when Apollo 11 landed"),
                arguments("find out for me who wrote Hamlet, and note that down", "who wrote Hamlet"),
                arguments("search the web to find out how long the Nile is and then jot it down", "how long the Nile is"),
                arguments("research virtual threads in Java 21 then remember what you found", "virtual threads in Java 21"),
                arguments("Who invented the World Wide Web? Note it down.", "Who invented the World Wide Web"),
                arguments("Google who discovered penicillin and after that write a note about it",
                        "who discovered penicillin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchesFollowedByANote")
    void theQueryIsWhatToFindAndTheNoteWaitsForTheFinding(String message, String query) {
        var transcript = Dialogue.run(brain, bench, message);

        assertThat(ContentBlocks.toolUses(transcript.replies().get(0).content())).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("web_search");
            assertThat(use.input().path("query").asText()).isEqualTo(query);
        });
        assertThat(ContentBlocks.toolUses(transcript.replies().get(1).content())).singleElement()
                .satisfies(use -> assertThat(use.name()).isEqualTo("save_note"));
        assertThat(transcript.last().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(transcript.finalText()).contains("I saved the note");
    }

    @Test
    void theNoteHoldsTheFindingAndItsSourceUnderATitleFromTheQuestion() {
        var transcript = Dialogue.run(brain, bench, "Look up who painted the Mona Lisa, then jot it down");

        var save = bench.calls().get(1);
        assertThat(save.input().path("title").asText()).isEqualTo("Who painted the Mona Lisa");
        assertThat(save.input().path("body").asText()).contains("Leonardo da Vinci")
                .contains("https://en.wikipedia.org/wiki/Mona_Lisa");
        assertThat(transcript.finalText()).contains("Leonardo da Vinci")
                .contains("I saved the note \"Who painted the Mona Lisa\" (id 1).");
    }

    @Test
    void aTitleGivenForTheNoteIsUsed() {
        Dialogue.run(brain, bench, "Google the speed of light and remember it as Light speed");

        assertThat(bench.notes()).containsOnlyKeys("Light speed");
        assertThat(bench.notes().get("Light speed")).contains("299,792,458 metres per second");
    }

    @Test
    void resultsThatDoNotAnswerTheQuestionAreNotPassedOffAsAnAnswerNorSaved() {
        var transcript = Dialogue.run(brain, bench, "Find out who first mapped the Kuiper belt and note it down");

        assertThat(bench.toolNames()).containsExactly("web_search");
        assertThat(bench.calls().getFirst().input().path("query").asText()).isEqualTo("who first mapped the Kuiper belt");
        assertThat(transcript.finalText()).contains("none of the results answer it")
                .contains("I didn't save a note").doesNotContain("According to").doesNotContain("I saved");
    }

    @Test
    void aYesOrNoQuestionAboutTheWorldIsSearchedFor() {
        var reply = brain.reply(ReferenceTools.request("Is the Shard taller than the Eiffel Tower?"));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use -> assertThat(
                use.input().path("query").asText()).isEqualTo("Is the Shard taller than the Eiffel Tower"));
    }

    @Test
    void theFindingIsTheResultThatAnswersTheQuestionNotJustTheTopOne() {
        var transcript = Dialogue.run(brain, bench, "Look up the tallest mountain in the world");

        assertThat(transcript.finalText()).contains("Mount Everest").doesNotContain("Burj Khalifa");
    }

    @Test
    void aNoteIsNeverClaimedWhenSavingItFailed() {
        var failing = bench.failing("save_note", "the notes database is read-only");

        var transcript = Dialogue.run(brain, failing, "Find out who invented the telephone and note it down");

        assertThat(transcript.finalText()).contains("Alexander Graham Bell")
                .contains("Saving the note \"Who invented the telephone\" failed: the notes database is read-only")
                .doesNotContain("I saved");
    }

    @Test
    void weatherThenArithmeticGoOutTogetherInTheOrderAsked() {
        var transcript = Dialogue.run(brain, bench, "Check the weather in Madrid and then work out 12% of 250");

        assertThat(ContentBlocks.toolUses(transcript.replies().get(0).content())).extracting(ToolUseBlock::name)
                .containsExactly("get_weather", "calculator");
        assertThat(transcript.finalText()).contains("Madrid, Spain").contains("12% of 250 is 30.");
    }

    @Test
    void aSecondQuestionAfterAFullStopAndAlsoIsItsOwnRequest() {
        var reply = brain.reply(ReferenceTools.request("What's 9 squared? Also, is it raining in Dublin?"));

        assertThat(ContentBlocks.toolUses(reply.content())).extracting(ToolUseBlock::name)
                .containsExactly("calculator", "get_weather");
    }

    @Test
    void thenStartsANewRequestRatherThanLengtheningTheQuery() {
        var reply = brain.reply(ReferenceTools.request("Search for the Sahara, then list my notes"));

        assertThat(ContentBlocks.toolUses(reply.content())).extracting(use -> use.name() + " " + use.input())
                .containsExactly("web_search {\"query\":\"the Sahara\"}", "list_notes {}");
    }

    @Test
    void aNoteAboutAValueStillToFindFetchesItFirst() {
        var transcript = Dialogue.run(brain, bench, "Jot down what 15% of 640 is");

        assertThat(bench.toolNames()).containsExactly("calculator", "save_note");
        assertThat(bench.notes()).containsEntry("15% of 640", "15% of 640 is 96.");
        assertThat(transcript.finalText()).contains("15% of 640 is 96.").contains("I saved the note \"15% of 640\"");
    }

    @Test
    void aRequestNoToolCanDoIsReportedEvenAfterAnAnd() {
        var transcript = Dialogue.run(brain, bench, "What's the weather in Paris and email it to Bob");

        assertThat(bench.toolNames()).containsExactly("get_weather");
        assertThat(transcript.finalText()).contains("I can't email it to Bob: none of my tools can do that.");
    }

    @Test
    void aRequestNoToolCanDoIsSaidPlainlyNextToTheOthers() {
        var transcript = Dialogue.run(brain, bench, "Order me a pizza and then tell me 6 times 7");

        assertThat(bench.toolNames()).containsExactly("calculator");
        assertThat(transcript.finalText()).contains("6 times 7 is 42.")
                .contains("I can't order you a pizza: none of my tools can do that.");
    }
}
