package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.Message;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationEdgesTest {
    private final ScriptedBrain brain = new ScriptedBrain(9);

    @Test
    void answersLongerThanMaxTokensAreCutAndStopWithMaxTokens() {
        var reply = brain.reply(ReferenceTools.request(List.of(Message.user("What is the meaning of life?")),
                ReferenceTools.all(), 5));

        assertThat(reply.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(ContentBlocks.text(reply.content())).hasSize(20);
    }

    @Test
    void toolCallsThatDoNotFitMaxTokensAreDropped() {
        var reply = brain.reply(ReferenceTools.request(
                List.of(Message.user("What is 17.5% of 2340, and what's the weather in Lisbon?")), ReferenceTools.all(), 10));

        assertThat(reply.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
        assertThat(reply.content()).singleElement().isInstanceOf(TextBlock.class);
    }

    @Test
    void messagesWithoutAnyRequestGetAPlainHelpfulAnswer() {
        var reply = brain.reply(ReferenceTools.request("Tell me a joke about databases"));

        assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(ContentBlocks.text(reply.content())).isNotBlank()
                .contains("I can do calculations, check the weather, search the web and keep notes for you.");
    }

    @Test
    void withoutToolsTheAnswerOffersNothingItCannotDo() {
        var reply = brain.reply(ReferenceTools.request(List.of(Message.user("hi")), List.of(), 100));

        assertThat(ContentBlocks.text(reply.content())).doesNotContain("I can");
    }

    @Test
    void weatherQuestionWithoutAPlaceAsksWhichPlace() {
        var reply = brain.reply(ReferenceTools.request("Should I take an umbrella today?"));

        assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(ContentBlocks.text(reply.content())).isEqualTo("Which place should I check the weather for?");
    }

    @Test
    void noteWithNothingToSaveAsksWhatToWrite() {
        var reply = brain.reply(ReferenceTools.request("Save a note"));

        assertThat(ContentBlocks.text(reply.content())).isEqualTo("What should the note say?");
    }

    @Test
    void datesAndHyphenatedWordsAreNotArithmetic() {
        assertThat(ArithmeticPhrases.find("what happened on 2026-11-25 with covid-19 over 3 days")).isEmpty();
    }

    @Test
    void expressionsFoundInPhrasesEvaluateToWhatWasAsked() {
        assertThat(value("What is 17.5% of 2,340?")).isEqualTo("409.5");
        assertThat(value("sqrt of 144")).isEqualTo("12");
        assertThat(value("5 squared plus 3 cubed")).isEqualTo("52");
        assertThat(value("-2 to the power of 2")).isEqualTo("-4");
        assertThat(value("10 + 5% of 200")).isEqualTo("20");
        assertThat(value("50% times 8")).isEqualTo("4");
        assertThat(value("(1+2)*(3+4) / 7")).isEqualTo("3");
    }

    @Test
    void jsonInputsCompareEqualWhateverTheNumberTypesAndFieldOrder() {
        var parsed = ReferenceTools.json("{\"location\":\"Oslo\",\"days\":2}");
        var built = dev.mainstay.json.Json.object().put("days", 2L).put("location", "Oslo");

        assertThat(JsonText.same(parsed, built)).isTrue();
        assertThat(JsonText.same(parsed, built.put("days", 3))).isFalse();
    }

    private static String value(String phrase) {
        return TestCalculator.evaluate(ArithmeticPhrases.find(phrase).getFirst().expression());
    }
}
