package dev.mainstay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentBlocksTest {
    private final ToolUseBlock calc = new ToolUseBlock("toolu_1", "calculator", Json.parseObject("{\"e\":\"1+1\"}"));
    private final ToolUseBlock weather = new ToolUseBlock("toolu_2", "weather", Json.parseObject("{\"at\":\"Lisbon\"}"));

    @Test
    void textJoinsTheTextBlocksByNewlinesSkippingOtherBlocks() {
        var blocks = List.<ContentBlock>of(new TextBlock("first"), calc, new TextBlock("second"), weather,
                new TextBlock("third"));

        assertThat(ContentBlocks.text(blocks)).isEqualTo("first\nsecond\nthird");
    }

    @Test
    void textIsTheOneTextBlockAsItIsOrEmptyWhenThereIsNone() {
        assertThat(ContentBlocks.text(List.of(calc, new TextBlock("only")))).isEqualTo("only");
        assertThat(ContentBlocks.text(List.of(calc))).isEmpty();
        assertThat(ContentBlocks.text(List.of())).isEmpty();
    }

    @Test
    void toolUsesAreTheToolUseBlocksInTheModelsOrderAndCannotBeChanged() {
        var uses = ContentBlocks.toolUses(List.of(new TextBlock("a"), weather, new TextBlock("b"), calc));

        assertThat(uses).containsExactly(weather, calc);
        assertThat(ContentBlocks.toolUses(List.of(new TextBlock("a")))).isEmpty();
        assertThatThrownBy(() -> uses.add(calc)).isInstanceOf(UnsupportedOperationException.class);
    }
}
