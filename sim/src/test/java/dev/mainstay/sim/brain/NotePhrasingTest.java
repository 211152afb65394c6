package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlocks;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotePhrasingTest {
    private final ScriptedBrain brain = new ScriptedBrain(29);

    static Stream<Arguments> notesInOrdinaryWords() {
        return Stream.of(
                arguments("Jot down that the gate code is 1942", "Gate code is 1942", "The gate code is 1942"),
                arguments("remember my passport number is X123", "Passport number is X123", "My passport number is X123"),
                arguments("Write a note about the plumber visit on Monday", "Plumber visit on Monday",
                        "The plumber visit on Monday"),
                arguments("Remind me to water the plants", "Water the plants", "Water the plants"),
                arguments("Make a note: book the car service", "Book the car service", "Book the car service"),
                arguments("Please save 'call the bank' to my notes", "Call the bank", "Call the bank"),
                arguments("Could you note down: bins go out on Thursday", "Bins go out on Thursday",
                        "Bins go out on Thursday"),
                arguments("Don't forget that Sam's birthday is 3 May", "Sam's birthday is 3 May", "Sam's birthday is 3 May"));
    }

    @Test
    void rememberThatAfterAStatementSavesTheStatement() {
        var reply = brain.reply(ReferenceTools.request("The spare key is under the blue pot, remember that"));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use -> assertThat(use.input())
                .isEqualTo(Json.object().put("title", "Spare key is under the blue pot")
                        .put("body", "The spare key is under the blue pot")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notesInOrdinaryWords")
    void aNoteAskedForInOrdinaryWordsIsSavedWithATitleAndTheUsersText(String message, String title, String body) {
        var reply = brain.reply(ReferenceTools.request(message));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("save_note");
            assertThat(use.input()).isEqualTo(Json.object().put("title", title).put("body", body));
        });
    }

    @Test
    void keepingSomethingSafeIsAdviceNotANoteToSave() {
        var reply = brain.reply(ReferenceTools.request(
                "Search for the tallest building in Europe. My key is abc123, keep it safe."));

        assertThat(ContentBlocks.toolUses(reply.content())).extracting(u -> u.name()).containsExactly("web_search");
    }
}
