package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrecisionTest {
    private final ScriptedBrain brain = new ScriptedBrain(13);

    static Stream<Arguments> calculationsInWords() {
        return Stream.of(
                arguments("the square root of 3 to 6 places", "1.732051"),
                arguments("What's the sum of 3.25 and 4.5, to one decimal place?", "7.8"),
                arguments("Divide 1,000 by three to the nearest whole number", "333"),
                arguments("pi is roughly 355/113; give it to 7 decimal places", "3.1415929"),
                arguments("22/7 with four decimals", "3.1429"),
                arguments("What's 5 divided by 3, 2 dp?", "1.67"),
                arguments("10/3 to three digits after the decimal point", "3.333"),
                arguments("1/8 rounded to the nearest hundredth", "0.13"),
                arguments("What's 7.45 times 3, to the nearest tenth?", "22.4"),
                arguments("Work out 2,500 divided by 7, rounded to the nearest whole number", "357"),
                arguments("How much is 1234 times 5 to the nearest hundred?", "6200"),
                arguments("What is 19.99 times 3 in cents, rounded?", "59.97"),
                arguments("12 percent of 87.50, to the nearest penny", "10.50"),
                arguments("1 divided by 7 to 3 significant figures", "0.143"),
                arguments("123456 times 7 to two sig figs", "860000"),
                arguments("Round 2.71828 to a single decimal place", "2.7"),
                arguments("what is nine times eight minus four", "68"),
                arguments("What's pi to 4 places?", "3.1416"),
                arguments("How big is a 20% tip on $45?", "9"),
                arguments("What's 60 plus 10%?", "66"),
                arguments("30% off £80", "56"),
                arguments("Convert 212 Fahrenheit to Celsius", "100"),
                arguments("What is 26.2 miles in km to one decimal place?", "42.2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calculationsInWords")
    void calculationsAndPrecisionAskedInWordsReachTheCalculatorExactly(String question, String value) {
        var reply = brain.reply(ReferenceTools.request(question));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("calculator");
            assertThat(TestCalculator.evaluate(use.input().path("expression").asText())).isEqualTo(value);
        });
    }

    @Test
    void theAnswerStatesThePrecisionAndTheRoundedValue() {
        var bench = new ToolBench(new FakeWorld(13, InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z"))));

        var transcript = Dialogue.run(brain, bench, "square root of 5 to 4 places");

        assertThat(transcript.finalText()).isEqualTo("Square root of 5 to 4 decimal places is 2.2361.");
    }

    @Test
    void aRoundingAskedForInALaterClauseRoundsTheCalculationBeforeIt() {
        var reply = brain.reply(ReferenceTools.request("Divide 100 by 7. Then round that to 2 decimal places."));

        assertThat(ContentBlocks.toolUses(reply.content())).singleElement()
                .satisfies(use -> assertThat(use.input().path("expression").asText()).isEqualTo("ROUND(100/7, 2)"));
    }

    @Test
    void significantFiguresBecomePlainDecimalPlacesFromTheValuesMagnitude() {
        assertThat(new Precision(true, 3, "").apply("1/7")).isEqualTo("ROUND(1/7, 3)");
        assertThat(new Precision(true, 2, "").apply("123456*7")).isEqualTo("ROUND(123456*7, -4)");
        assertThat(new Precision(true, 4, "").apply("SQRT(2)")).isEqualTo("ROUND(SQRT(2), 3)");
    }

    @Test
    void aPercentageOnItsOwnIsNotACalculation() {
        assertThat(ArithmeticPhrases.find("I got 15% on the test")).isEmpty();
    }

    @Test
    void numbersThatAreNotPrecisionsAreLeftAlone() {
        assertThat(Precision.find("what's the weather for the next 3 days")).isEmpty();
        assertThat(Precision.find("17 times 23")).isEmpty();
    }
}
