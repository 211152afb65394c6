package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {
    private final ScriptedBrain brain = new ScriptedBrain(31);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Brauche ich morgen in Hamburg einen Regenschirm?",
        "Was ist 12 mal 7?",
        "Pourrais-tu chercher qui a gagné la Coupe du monde et le noter ?",
        "¿Cuánto es el 15% de 80?",
        "Vai chover amanhã em Lisboa?",
        "Quanto fa 12 per 7?",
        "Hoe laat is het in Amsterdam?",
        "Merci",
        "Сколько будет дважды два?",
        "明日の東京の天気は？",
        "Τι καιρό θα κάνει αύριο στην Αθήνα;"})
    void aMessageInAnotherLanguageGetsOnePlainAnswerInEnglishAndNoToolCall(String message) {
        var reply = brain.reply(ReferenceTools.request(message));

        assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
        assertThat(ContentBlocks.text(reply.content()))
                .isEqualTo("Sorry — this simulator understands English only; please ask in English.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Is it raining in São Paulo?",
        "weather in Los Angeles this weekend",
        "Do I need a jacket in Rio de Janeiro tomorrow?",
        "Look up the Louvre in Paris",
        "sqrt(2) to 10 places",
        "Bonjour! What's 2+2?"})
    void englishWithForeignNamesOrAGreetingIsStillEnglish(String message) {
        var reply = brain.reply(ReferenceTools.request(message));

        assertThat(reply.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }
}
