package dev.mainstay.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.agent.RunResult;
import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run report shows every kind of token billed, the price table that priced them, and each billed attempt. */
class RunReportCostTest {
    private static final Usage BROKEN_OFF = new Usage(1200, 35, 0, 0);
    private static final Usage ANSWER = new Usage(800, 60, 500, 1500, 4000, 2, 0);

    private static RunResult result() {
        var response = new ModelResponse("msg_1", "claude-sonnet-5-5", List.of(new TextBlock("Porto: 16 °C.")),
                StopReason.END_TURN, ANSWER, "req_1");
        var step = new ModelStep(1, "claude-sonnet-5-5", 1, Optional.of(response), BROKEN_OFF.plus(ANSWER),
                Cost.usd(new BigDecimal("0.0326")), List.of(), Instant.parse("2026-12-06T10:15:30Z"),
                Duration.ofMillis(900), Optional.empty(), List.of(
                        new BilledAttempt("anthropic", "claude-sonnet-5-5", BROKEN_OFF, Cost.usd(new BigDecimal("0.00275"))),
                        new BilledAttempt("anthropic", "claude-sonnet-5-5", ANSWER, Cost.usd(new BigDecimal("0.02985")))),
                "anthropic-2026-12-01");
        return new RunResult("run_1", RunStopReason.COMPLETED, "Porto: 16 °C.", List.of(step),
                BROKEN_OFF.plus(ANSWER), step.cost(), Duration.ofMillis(950), Optional.empty());
    }

    @Test
    void theTextNamesEveryTokenKindAndThePriceTable() {
        var text = RunReport.text("weather in Porto", result());

        assertThat(text).contains("Tokens: input 2000, output 95, cache write 2000 (5m 500, 1h 1500), cache read 4000,"
                + " web searches 2\n");
        assertThat(text).contains("Cost: $0.032600 (prices anthropic-2026-12-01)\n");
    }

    @Test
    void theJsonCarriesTheSplitThePriceTableAndTheBilledAttempts() {
        var json = RunReport.json("weather in Porto", result());

        assertThat(json.path("usage").path("cache_creation").path("ephemeral_1h_input_tokens").asLong()).isEqualTo(1500);
        assertThat(json.path("usage").path("server_tool_use").path("web_search_requests").asLong()).isEqualTo(2);
        assertThat(json.path("price_table").asText()).isEqualTo("anthropic-2026-12-01");
        assertThat(json.path("billed_attempts").asInt()).isEqualTo(2);
        assertThat(json.path("steps").get(0).path("billed")).hasSize(2);
        assertThat(json.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0326");
    }
}
