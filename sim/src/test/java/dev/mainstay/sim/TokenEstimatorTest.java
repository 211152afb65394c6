package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared estimator in core, tested here beside its main user. */
class TokenEstimatorTest {
    @Test
    void countsAboutFourCharactersPerTokenRoundingUp() {
        assertThat(TokenEstimator.estimateText("")).isZero();
        assertThat(TokenEstimator.estimateText("a")).isEqualTo(1);
        assertThat(TokenEstimator.estimateText("abcd")).isEqualTo(1);
        assertThat(TokenEstimator.estimateText("abcde")).isEqualTo(2);
        assertThat(TokenEstimator.estimateText("😀😀😀😀")).as("code points, not UTF-16 units").isEqualTo(1);
    }

    @Test
    void theInputEstimateIsTheSumOfItsParts() {
        var tool = new ToolDefinition("get_weather", "Weather.", Json.parseObject("{\"type\":\"object\"}"));
        var use = new ToolUseBlock("toolu_1", "get_weather", Json.parseObject("{\"location\":\"Lisbon\"}"));
        var messages = List.of(
                Message.user("Weather in Lisbon?"),
                Message.assistant(List.of(new TextBlock("Checking."), use)),
                new Message(dev.mainstay.model.Role.USER, List.of(new ToolResultBlock("toolu_1", "{\"t\":14}", false))));
        var request = new ModelRequest("m", "Be brief.", messages, List.of(tool), 100, false, false);

        long expected = TokenEstimator.REQUEST_OVERHEAD
                + TokenEstimator.TOOLS_PREAMBLE + TokenEstimator.estimateTool(tool)
                + TokenEstimator.estimateSystem("Be brief.")
                + messages.stream().mapToLong(TokenEstimator::estimateMessage).sum();
        assertThat(TokenEstimator.estimateInput(request)).isEqualTo(expected);
        assertThat(TokenEstimator.estimateMessage(messages.get(1))).isEqualTo(TokenEstimator.MESSAGE_OVERHEAD
                + TokenEstimator.estimateText("Checking.")
                + TokenEstimator.STRUCTURED_BLOCK_OVERHEAD + TokenEstimator.estimateText("get_weather")
                + TokenEstimator.estimateText("{\"location\":\"Lisbon\"}"));
    }

    @Test
    void moreContentNeverCostsFewerTokens() {
        var small = new ModelRequest("m", "", List.of(Message.user("hi")), List.of(), 10, false, false);
        var larger = new ModelRequest("m", "sys", List.of(Message.user("hi"), Message.assistant(List.of(new TextBlock("yo"))),
                Message.user("more")), List.of(), 10, false, false);

        assertThat(TokenEstimator.estimateInput(larger)).isGreaterThan(TokenEstimator.estimateInput(small));
        assertThat(TokenEstimator.estimateSystem("")).isZero();
        assertThat(TokenEstimator.estimateTools(List.of())).isZero();
    }
}
