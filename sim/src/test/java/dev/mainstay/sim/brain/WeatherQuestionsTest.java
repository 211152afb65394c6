package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.Message;
import dev.mainstay.model.StopReason;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeatherQuestionsTest {
    private final ScriptedBrain brain = new ScriptedBrain(21);
    private final FakeWorld world = new FakeWorld(21, InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z")));

    static Stream<Arguments> questionsAboutWhatToWearOrBring() {
        return Stream.of(
                arguments("Ought I to pack a raincoat for Porto on Thursday?", "{\"location\":\"Porto\",\"days\":7}"),
                arguments("Will a warm jacket be necessary in Edinburgh tomorrow morning?",
                        "{\"location\":\"Edinburgh\",\"days\":2}"),
                arguments("Any chance I'll want sunglasses in Athens this weekend?", "{\"location\":\"Athens\",\"days\":7}"),
                arguments("Is it shorts weather in Rome?", "{\"location\":\"Rome\"}"),
                arguments("Do we need to bring umbrellas to Amsterdam in two days?",
                        "{\"location\":\"Amsterdam\",\"days\":3}"),
                arguments("How warm will Cairo be over the next five days?", "{\"location\":\"Cairo\",\"days\":5}"),
                arguments("Gloves or no gloves in Warsaw the day after tomorrow?", "{\"location\":\"Warsaw\",\"days\":3}"),
                arguments("what should i wear in vienna tonight", "{\"location\":\"Vienna\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questionsAboutWhatToWearOrBring")
    void clothingGearAndDayWordsAskForTheWeatherOfThePlaceAndDays(String question, String input) {
        var reply = brain.reply(ReferenceTools.request(question));

        assertThat(reply.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("get_weather");
            assertThat(use.input()).isEqualTo(Json.parseObject(input));
        });
    }

    @Test
    void aCoatQuestionAboutTomorrowIsAnsweredFromTomorrowsTemperatures() {
        var forecast = Forecasts.at("Quebec City, Canada").day("clear sky", 9, 19, 70, 4).day("overcast", -3, 4, 10, 0);

        var answer = answer("Is a coat a good idea for Quebec City tomorrow?", forecast);

        assertThat(answer).contains("tomorrow").contains("2026-11-26").contains("-3 to 4 °C")
                .contains("Yes, take a coat").doesNotContain("19").doesNotContainIgnoringCase("umbrella")
                .doesNotContain("chance of precipitation");
    }

    @Test
    void aMildDayNeedsNoCoat() {
        var forecast = Forecasts.at("Lisbon, Portugal").day("mainly clear", 13, 21, 5, 0);

        assertThat(answer("Lisbon today: will I want my winter coat?", forecast))
                .contains("You shouldn't need a winter coat").contains("21 °C");
    }

    @Test
    void theWeatherInGeneralGetsNoUmbrellaAdviceEvenWhenItRains() {
        var forecast = Forecasts.at("Bergen, Norway", 7, 20, "rain").day("heavy rain", 4, 8, 95, 22);

        var answer = answer("How's the weather looking in Bergen?", forecast);

        assertThat(answer).contains("heavy rain").contains("95% chance of precipitation")
                .doesNotContainIgnoringCase("umbrella").doesNotContain("coat");
    }

    @Test
    void anUmbrellaQuestionAboutOneWeekdayAnswersForThatDayOnly() {
        var forecast = Forecasts.at("London, United Kingdom").day("clear sky", 3, 9, 0, 0)
                .days(2, "overcast", 4, 10, 20, 0).day("rain", 5, 9, 85, 6).days(3, "clear sky", 1, 8, 0, 0);

        var answer = answer("Will I need my brolly in London on Saturday?", forecast);

        assertThat(answer).contains("on Saturday (2026-11-28)").contains("85% chance of precipitation")
                .contains("Yes, take a brolly.").doesNotContain("2026-11-25").doesNotContain("2026-11-29");
    }

    @Test
    void theWeekendIsSaturdayAndSundayOfTheForecast() {
        var forecast = Forecasts.at("Athens, Greece").days(3, "overcast", 12, 17, 30, 0)
                .day("clear sky", 14, 23, 0, 0).day("partly cloudy", 13, 20, 10, 0).days(2, "rain", 12, 15, 80, 5);

        var answer = answer("Any chance I'll want sunglasses in Athens this weekend?", forecast);

        assertThat(answer).contains("Saturday (2026-11-28)").contains("Sunday (2026-11-29)")
                .contains("Take sunglasses on Saturday.").doesNotContain("2026-11-27").doesNotContain("Monday");
    }

    @Test
    void sunscreenFollowsTheSkyCover() {
        assertThat(answer("Do I need suncream in Dubai today?", Forecasts.at("Dubai").day("clear sky", 22, 31, 0, 0)))
                .contains("Yes, take suncream");
        assertThat(answer("Do I need suncream in Dubai today?", Forecasts.at("Dubai").day("overcast", 20, 24, 30, 0)))
                .contains("You probably won't need suncream");
    }

    @Test
    void whatToWearCoversTemperatureAndRain() {
        var forecast = Forecasts.at("Paris, France").day("overcast", 5, 9, 10, 0).day("rain", 3, 7, 90, 8);

        var answer = answer("What should I wear in Paris tomorrow?", forecast);

        assertThat(answer).contains("3 to 7 °C").contains("warm coat").contains("umbrella");
    }

    @Test
    void aDayBeyondTheForecastIsSaidToBeMissingRatherThanMadeUp() {
        var forecast = Forecasts.at("Oslo, Norway").day("snow", -6, -1, 60, 3);

        assertThat(answer("Will it snow in Oslo tomorrow?", forecast)).contains("doesn't cover tomorrow")
                .doesNotContain("-6");
    }

    @Test
    void anUmbrellaQuestionAfterAWeatherQuestionJoinsIt() {
        var bench = new ToolBench(world);

        var transcript = Dialogue.run(brain, bench, "Tell me the weather in Madrid, and is an umbrella worth taking?");

        assertThat(bench.calls()).singleElement()
                .satisfies(use -> assertThat(use.input()).isEqualTo(Json.parseObject("{\"location\":\"Madrid\"}")));
        assertThat(transcript.finalText()).contains("Madrid, Spain").containsPattern("umbrella\\.");
    }

    @Test
    void thePlaceMayComeInAnotherSentence() {
        var reply = brain.reply(ReferenceTools.request("Should I take a raincoat tomorrow? We're staying in Bergen."));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use ->
                assertThat(use.input()).isEqualTo(Json.parseObject("{\"location\":\"Bergen\",\"days\":2}")));
    }

    @Test
    void gearListedBeforeThePlaceIsAskedAboutThatPlace() {
        var forecast = Forecasts.at("Oslo, Norway").day("overcast", 1, 5, 10, 0).day("light rain", -1, 4, 75, 2);
        var bench = new ToolBench(world).answering("get_weather", forecast.json());

        var transcript = Dialogue.run(brain, bench, "Will I need gloves and a raincoat in Oslo tomorrow?");

        assertThat(bench.calls()).singleElement().satisfies(use ->
                assertThat(use.input()).isEqualTo(Json.parseObject("{\"location\":\"Oslo\",\"days\":2}")));
        assertThat(transcript.finalText()).contains("Yes, take gloves").contains("Yes, take a raincoat")
                .doesNotContain("Which place");
    }

    @Test
    void aDayNamedForTheLastOfSeveralPlacesAppliesToAllOfThem() {
        var reply = brain.reply(ReferenceTools.request("What's the forecast for Milan and Zurich this weekend?"));

        assertThat(ContentBlocks.toolUses(reply.content())).extracting(use -> use.input().toString())
                .containsExactly("{\"location\":\"Milan\",\"days\":7}", "{\"location\":\"Zurich\",\"days\":7}");
    }

    @Test
    void aWeatherToolWithoutADaysSettingIsStillCalledAndAnsweredFromItsForecast() {
        var tools = List.of(ReferenceTools.tool("get_weather", "Weather and forecast for a place.", """
                {"type":"object","properties":{"location":{"type":"string"}},"required":["location"],
                 "additionalProperties":false}"""));
        var forecast = Forecasts.at("Oslo, Norway").day("snow", -6, -1, 60, 3).day("clear sky", -9, -4, 0, 0);
        var bench = new ToolBench(world).answering("get_weather", forecast.json());

        var transcript = Dialogue.run(brain, bench,
                List.of(Message.user("Do I need gloves in Oslo tomorrow?")), tools, 4);

        assertThat(bench.calls()).singleElement()
                .satisfies(use -> assertThat(use.input()).isEqualTo(Json.parseObject("{\"location\":\"Oslo\"}")));
        assertThat(transcript.finalText()).contains("tomorrow (2026-11-26)").contains("-9 to -4 °C")
                .contains("Yes, take gloves");
    }

    @Test
    void howWarmCountsAsYesDependsOnTheWordAsked() {
        var forecast = Forecasts.at("Seville, Spain").day("clear sky", 12, 24, 0, 0);

        assertThat(answer("Will it be hot in Seville today?", forecast)).contains("No, it won't be hot.");
        assertThat(answer("Is it going to be warm in Seville today?", forecast)).contains("Yes, it will be warm.");
        assertThat(answer("Will it be freezing in Seville tonight?", forecast)).contains("No, it won't be freezing.");
    }

    @Test
    void isItRainingIsAnsweredFromTheWeatherNow() {
        var wet = Forecasts.at("Dublin, Ireland", 9, 15, "light rain").day("light rain", 6, 11, 80, 4);
        var dryNowWetLater = Forecasts.at("Dublin, Ireland", 9, 15, "overcast").day("rain", 6, 11, 80, 4);

        assertThat(answer("Is it raining in Dublin?", wet)).endsWith("Yes, it's raining right now.");
        assertThat(answer("Is it raining in Dublin?", dryNowWetLater))
                .endsWith("No, it isn't raining right now. Rain is likely later today.");
    }

    @Test
    void packingForSeveralDaysIsOneSummaryForTheColdestAndWetDays() {
        var forecast = Forecasts.at("Rome, Italy").days(3, "overcast", 8, 16, 20, 0).day("rain", 7, 12, 80, 6)
                .day("clear sky", 9, 18, 0, 0);

        assertThat(answer("What should I pack for Rome this weekend?", forecast))
                .endsWith("Bring a jacket or a sweater (highs of 12 to 18 °C), and an umbrella for Saturday.");
    }

    @Test
    void windIsAnsweredFromTheCurrentConditionsAndIsNotMadeUpForLaterDays() {
        var forecast = Forecasts.at("Chicago, United States", 3, 41, "overcast").day("overcast", -1, 4, 10, 0)
                .day("overcast", -2, 3, 10, 0);

        assertThat(answer("Is it breezy in Chicago right now?", forecast)).contains("wind 41 km/h")
                .endsWith("Yes, it's windy.");
        assertThat(answer("Is it going to be windy in Chicago tomorrow?", forecast))
                .isEqualTo("The forecast for Chicago, United States has no wind figures for tomorrow.");
    }

    private String answer(String question, Forecasts forecast) {
        var bench = new ToolBench(world).answering("get_weather", forecast.json());
        var transcript = Dialogue.run(brain, bench, question);
        assertThat(transcript.last().stopReason()).isEqualTo(StopReason.END_TURN);
        return transcript.finalText();
    }
}
