package dev.mainstay.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferenceToolsTest {
    @Test
    void calculatorWorksOutTheReferenceExpressionExactly() {
        assertThat(ReferenceTools.calculator("17.5 * 2340 / 100")).isEqualTo("409.5");
    }

    @Test
    void calculatorEvaluatesStrictlyLeftToRight() {
        assertThat(ReferenceTools.calculator("1 + 2 * 3")).isEqualTo("9");
        assertThat(ReferenceTools.calculator("10 - 4 / 4")).isEqualTo("1.5");
        assertThat(ReferenceTools.calculator("17.5/100*2340")).as("no spaces").isEqualTo("409.5");
    }

    @Test
    void calculatorReportsBadInputAsAnErrorTheModelCanRead() {
        assertThat(ReferenceTools.calculator("")).isEqualTo("error: the expression is empty");
        assertThat(ReferenceTools.calculator(null)).startsWith("error:");
        assertThat(ReferenceTools.calculator("17.5%")).startsWith("error: cannot read '17.5%'");
        assertThat(ReferenceTools.calculator("1 ^ 2")).startsWith("error: cannot read");
        assertThat(ReferenceTools.calculator("1 +")).startsWith("error: cannot read");
        assertThat(ReferenceTools.calculator("* 2")).startsWith("error: cannot read");
        assertThat(ReferenceTools.calculator("2 3")).startsWith("error: cannot read");
        assertThat(ReferenceTools.calculator("1 / 0")).isEqualTo("error: division by zero");
    }

    @Test
    void weatherAnswersFixedJsonForThePlaceAsked() {
        assertThat(ReferenceTools.weather("Lisbon")).startsWith("{\"location\":\"Lisbon\",")
                .contains("\"temperature_c\":21.5");
    }

    @Test
    void weatherEscapesThePlaceSoTheJsonStaysValid() {
        assertThat(ReferenceTools.weather("Say \"hi\"\\")).startsWith("{\"location\":\"Say \\\"hi\\\"\\\\\",");
    }

    @Test
    void weatherWithoutAPlaceIsAnError() {
        assertThat(ReferenceTools.weather(" ")).isEqualTo("error: name a place, e.g. Lisbon");
    }
}
