package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import dev.mainstay.sim.world.FakeWorld;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ReferenceTasksTest {
    private static final InstantSource NOON = InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"));
    private final ToolBench bench = new ToolBench(new FakeWorld(7, NOON));
    private final ScriptedBrain brain = new ScriptedBrain(7);

    @Test
    void percentageTaskIsCalculatedAndAnsweredInCents() {
        var transcript = Dialogue.run(brain, bench, "What is 17.5% of 2,340, rounded to cents?");

        assertThat(bench.calls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("calculator");
            assertThat(call.input()).isEqualTo(Json.parseObject("{\"expression\":\"ROUND(17.5/100*2340, 2)\"}"));
        });
        assertThat(transcript.replies()).hasSize(2);
        assertThat(transcript.last().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(transcript.finalText()).contains("409.50").contains("17.5% of 2,340");
    }

    @Test
    void weatherTaskReportsLisbonAndDecidesTheUmbrellaFromTheForecast() {
        var transcript = Dialogue.run(brain, bench, "What's the weather in Lisbon and should I take an umbrella?");

        assertThat(bench.toolNames()).containsExactly("get_weather");
        assertThat(bench.calls().getFirst().input()).isEqualTo(Json.parseObject("{\"location\":\"Lisbon\"}"));
        var output = Json.parse(bench.run(bench.calls().getFirst()).content());
        var today = output.path("daily").get(0);
        boolean wet = today.path("precipitation_probability_pct").asInt() >= 40
                || today.path("precipitation_mm").decimalValue().compareTo(new BigDecimal("0.5")) > 0;
        var answer = transcript.finalText();
        assertThat(transcript.last().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer).contains("Lisbon, Portugal")
                .contains(output.path("current").path("weather").asText())
                .contains(today.path("precipitation_probability_pct").asText() + "% chance of precipitation");
        if (wet) {
            assertThat(answer).contains("take an umbrella");
        } else {
            assertThat(answer).contains("shouldn't need an umbrella").doesNotContain("take an umbrella");
        }
    }

    @Test
    void searchThenSaveTaskRunsTheStepsInSequenceAndSavesTheTopResult() {
        var transcript = Dialogue.run(brain, bench,
                "Search for the tallest building in Europe and save a note with the answer.");

        assertThat(transcript.replies()).hasSize(3);
        assertThat(ContentBlocks.toolUses(transcript.replies().get(0).content())).singleElement()
                .satisfies(use -> {
                    assertThat(use.name()).isEqualTo("web_search");
                    assertThat(use.input().path("query").asText()).isEqualTo("the tallest building in Europe");
                });
        assertThat(ContentBlocks.toolUses(transcript.replies().get(1).content())).singleElement()
                .satisfies(use -> {
                    assertThat(use.name()).isEqualTo("save_note");
                    assertThat(use.input().path("title").asText()).isEqualTo("Tallest building in Europe");
                    assertThat(use.input().path("body").asText()).contains("Lakhta Center").contains("462 m");
                });
        assertThat(bench.notes()).containsKey("Tallest building in Europe");
        assertThat(transcript.last().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(transcript.finalText()).contains("Lakhta Center").contains("https://en.wikipedia.org/wiki/")
                .contains("I saved the note \"Tallest building in Europe\" (id 1).");
    }

    @Test
    void umbrellaIsRecommendedWhenRainIsLikelyOrHeavyAndNotOtherwise() {
        assertThat(answerFor(weather(80, "3.2"))).contains("Yes, take an umbrella.");
        assertThat(answerFor(weather(20, "0.8"))).contains("Yes, take an umbrella.");
        assertThat(answerFor(weather(40, "0.0"))).contains("Yes, take an umbrella.");
        assertThat(answerFor(weather(39, "0.5"))).contains("You shouldn't need an umbrella.")
                .doesNotContain("take an umbrella");
    }

    @Test
    void aNewQuestionAfterAFinishedTaskStartsAFreshPlan() {
        var first = Dialogue.run(brain, bench, "What is 17.5% of 2,340, rounded to cents?");
        var messages = new java.util.ArrayList<>(first.requests().getLast().messages());
        messages.add(dev.mainstay.model.Message.assistant(first.last().content()));
        messages.add(dev.mainstay.model.Message.user("And what's 17 times 23?"));

        var reply = brain.reply(ReferenceTools.request(messages, ReferenceTools.all(), 1024));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement()
                .satisfies(use -> assertThat(use.input().path("expression").asText()).isEqualTo("17*23"));
    }

    private String answerFor(String weatherOutput) {
        var fixedBench = new ToolBench(new FakeWorld(7, NOON)).answering("get_weather", weatherOutput);
        return Dialogue.run(brain, fixedBench, "Should I take an umbrella in Lisbon today?").finalText();
    }

    private static String weather(int probability, String mm) {
        return """
                {"location":"Lisbon, Portugal","latitude":38.71667,"longitude":-9.13333,
                 "current":{"temperature_c":14.2,"wind_kmh":18.0,"weather":"light rain","precipitation_mm":0.4},
                 "daily":[{"date":"2026-11-25","min_c":10.3,"max_c":16.1,"precipitation_probability_pct":%d,
                           "precipitation_mm":%s,"weather":"light rain"}]}""".formatted(probability, mm);
    }
}
