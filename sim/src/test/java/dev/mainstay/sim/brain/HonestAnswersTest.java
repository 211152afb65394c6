package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import org.junit.jupiter.api.Test;

/** What the model says when it cannot do what was asked: plainly that it did not, never that it did. */
class HonestAnswersTest {
    private final ScriptedBrain brain = new ScriptedBrain(37);

    @Test
    void aRequestNoToolCanDoIsDeclinedAndTheToolsOnOfferAreNamed() {
        var reply = brain.reply(ReferenceTools.request("Please book a table for two at 8pm"));

        assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
        assertThat(ContentBlocks.text(reply.content()))
                .startsWith("I can't book a table for two at 8pm: none of my tools can do that.")
                .contains("I can do calculations");
    }

    @Test
    void aCalculationThatCannotBeReadIsOwnedUpTo() {
        var reply = brain.reply(ReferenceTools.request("Calculate the answer times two"));

        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
        assertThat(ContentBlocks.text(reply.content())).contains("I couldn't tell what to calculate");
    }

    @Test
    void aNoteWithNothingToSaveAsksWhatToWriteInsteadOfSavingSomething() {
        var reply = brain.reply(ReferenceTools.request("Jot it down"));

        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
        assertThat(ContentBlocks.text(reply.content())).isEqualTo("What should the note say?");
    }

    @Test
    void askingHowTheModelIsGetsAFriendlyAnswerRatherThanADecline() {
        var reply = brain.reply(ReferenceTools.request("how's it going?"));

        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
        assertThat(ContentBlocks.text(reply.content())).startsWith("I'm doing well");
    }

    @Test
    void personalQuestionsAreNotSentToTheWebSearch() {
        var reply = brain.reply(ReferenceTools.request("What time is it?"));

        assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
    }
}
