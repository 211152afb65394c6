package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PhrasingTest {
    private final ScriptedBrain brain = new ScriptedBrain(42);

    static Stream<Arguments> phrasings() {
        return Stream.of(
                arguments("What is 17.5% of 2,340, rounded to cents?", "calculator", "{\"expression\":\"ROUND(17.5/100*2340, 2)\"}"),
                arguments("what's 12.5% of 880", "calculator", "{\"expression\":\"12.5/100*880\"}"),
                arguments("calculate (3+4)*12", "calculator", "{\"expression\":\"(3+4)*12\"}"),
                arguments("how much is 2^10", "calculator", "{\"expression\":\"2^10\"}"),
                arguments("17 times 23", "calculator", "{\"expression\":\"17*23\"}"),
                arguments("sqrt of 144", "calculator", "{\"expression\":\"SQRT(144)\"}"),
                arguments("What is 2 to the power of 10?", "calculator", "{\"expression\":\"2^10\"}"),
                arguments("What's 1,234.5 divided by 3, to 2 decimal places?", "calculator", "{\"expression\":\"ROUND(1234.5/3, 2)\"}"),
                arguments("Compute 15 percent of 80 minus 2", "calculator", "{\"expression\":\"15/100*80-2\"}"),
                arguments("What's the weather in Lisbon and should I take an umbrella?", "get_weather", "{\"location\":\"Lisbon\"}"),
                arguments("Is it raining in Oslo?", "get_weather", "{\"location\":\"Oslo\"}"),
                arguments("forecast for New York tomorrow", "get_weather", "{\"location\":\"New York\",\"days\":2}"),
                arguments("temperature in São Paulo", "get_weather", "{\"location\":\"São Paulo\"}"),
                arguments("What's the weather like in Paris right now?", "get_weather", "{\"location\":\"Paris\"}"),
                arguments("What's the weather forecast for tomorrow in Berlin?", "get_weather", "{\"location\":\"Berlin\",\"days\":2}"),
                arguments("Will it rain in Oslo over the next 3 days?", "get_weather", "{\"location\":\"Oslo\",\"days\":3}"),
                arguments("What's the weather in Lisbon, Portugal today?", "get_weather", "{\"location\":\"Lisbon, Portugal\"}"),
                arguments("weather in st. petersburg", "get_weather", "{\"location\":\"St. Petersburg\"}"),
                arguments("Tokyo weather this week", "get_weather", "{\"location\":\"Tokyo\",\"days\":7}"),
                arguments("Search for the tallest building in Europe", "web_search", "{\"query\":\"the tallest building in Europe\"}"),
                arguments("look up the population of Tokyo", "web_search", "{\"query\":\"the population of Tokyo\"}"),
                arguments("find out who invented the telephone", "web_search", "{\"query\":\"who invented the telephone\"}"),
                arguments("google best pizza in Naples", "web_search", "{\"query\":\"best pizza in Naples\"}"),
                arguments("What is the latest news on fusion power?", "web_search", "{\"query\":\"latest news on fusion power\"}"),
                arguments("Can you search the web for salt and pepper grinders please?", "web_search", "{\"query\":\"salt and pepper grinders\"}"),
                arguments("save a note titled Groceries with body eggs, milk and bread", "save_note", "{\"title\":\"Groceries\",\"body\":\"eggs, milk and bread\"}"),
                arguments("remember that my locker code is 4512", "save_note", "{\"title\":\"Locker code is 4512\",\"body\":\"My locker code is 4512\"}"),
                arguments("Note that the meeting moved to 3pm.", "save_note", "{\"title\":\"Meeting moved to 3pm\",\"body\":\"The meeting moved to 3pm\"}"),
                arguments("take a note: buy milk", "save_note", "{\"title\":\"Buy milk\",\"body\":\"Buy milk\"}"),
                arguments("list my notes", "list_notes", "{}"),
                arguments("What notes do I have?", "list_notes", "{}"),
                arguments("read my note about the locker code", "read_note", "{\"title\":\"Locker code\"}"),
                arguments("What did I note about the meeting?", "read_note", "{\"title\":\"Meeting\"}"),
                arguments("open my note titled Groceries", "read_note", "{\"title\":\"Groceries\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phrasings")
    void ordinaryPhrasingCallsTheRightToolWithTheRightInput(String message, String tool, String input) {
        var reply = brain.reply(ReferenceTools.request(message));

        assertThat(reply.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(reply.content().getFirst()).isInstanceOf(dev.mainstay.model.TextBlock.class);
        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo(tool);
            assertThat(use.input()).isEqualTo(Json.parseObject(input));
        });
    }
}
