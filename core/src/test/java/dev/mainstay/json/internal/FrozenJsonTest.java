package dev.mainstay.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrozenJsonTest {
    private final ObjectNode source = Json.parseObject("{\"a\":1,\"list\":[{\"b\":\"x\"}],\"nested\":{\"c\":true}}");

    @Test
    void aFrozenTreeEqualsItsSourceAndWritesTheSameJson() {
        var frozen = FrozenJson.freeze(source);

        assertThat(frozen).isEqualTo(source);
        assertThat(source).isEqualTo(frozen);
        assertThat(frozen.hashCode()).isEqualTo(source.hashCode());
        assertThat(frozen.toString()).isEqualTo(source.toString());
    }

    @Test
    void aFrozenTreeRefusesChangesAtEveryDepth() {
        var frozen = FrozenJson.freeze(source);

        assertThatThrownBy(() -> frozen.put("a", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.putObject("new")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(frozen::removeAll).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((ObjectNode) frozen.get("nested")).put("c", false))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((ArrayNode) frozen.get("list")).add(1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((ObjectNode) frozen.get("list").get(0)).put("b", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(frozen).isEqualTo(source);
    }

    @Test
    void freezingCopiesAMutableTreeAndKeepsAFrozenOne() {
        var frozen = FrozenJson.freeze(source);
        source.put("a", 99);

        assertThat(frozen.get("a").intValue()).isEqualTo(1);
        assertThat(FrozenJson.freeze(frozen)).isSameAs(frozen);
        assertThat(FrozenJson.isFrozen(frozen)).isTrue();
        assertThat(FrozenJson.isFrozen(source)).isFalse();
    }

    @Test
    void aDeepCopyOfAFrozenTreeIsAnOrdinaryTreeTheCallerMayChange() {
        var copy = FrozenJson.freeze(source).deepCopy();

        copy.put("a", 2);
        ((ObjectNode) copy.get("nested")).put("c", false);
        ((ArrayNode) copy.get("list")).add(1);

        assertThat(FrozenJson.isFrozen(copy)).isFalse();
        assertThat(copy.get("a").intValue()).isEqualTo(2);
        assertThat(copy.get("list")).hasSize(2);
    }

    @Test
    void recordsOfOneToolCallShareAFrozenInputAndStillHandOutCopies() {
        var use = new ToolUseBlock("toolu_1", "echo", source);
        var input = FrozenJson.freeze(use.input());
        var call = new ToolCall("toolu_1", "echo", input);
        var step = new ToolStep(1, "toolu_1", "echo", input, ToolResult.ok("done"), ToolStep.Resolution.RAN,
                Instant.EPOCH, Duration.ZERO, Optional.empty());

        var handedOut = call.input();
        handedOut.put("a", 2);

        assertThat(FrozenJson.isFrozen(handedOut)).isFalse();
        assertThat(call.input()).isEqualTo(source);
        assertThat(step.input()).isEqualTo(source);
        assertThat(use.input()).isEqualTo(source);
    }
}
