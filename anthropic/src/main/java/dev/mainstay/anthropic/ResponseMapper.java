package dev.mainstay.anthropic;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the SDK's {@link Message} to Mainstay's {@link ModelResponse}. Pure and stateless.
 *
 * <p>Block types Mainstay has no type for (thinking, server tool results…) are skipped with a DEBUG line: the
 * journal keeps only what the agent loop can act on. Unknown stop reasons are kept as they are.
 */
final class ResponseMapper {
    private static final Logger log = LoggerFactory.getLogger(ResponseMapper.class);

    private ResponseMapper() {}

    static ModelResponse toResponse(Message message, String requestId) {
        var content = new ArrayList<ContentBlock>();
        for (var block : message.content()) {
            if (block.isText()) {
                content.add(new TextBlock(block.asText().text()));
            } else if (block.isToolUse()) {
                var toolUse = block.asToolUse();
                content.add(new ToolUseBlock(toolUse.id(), toolUse.name(), toolInput(toolUse._input())));
            } else {
                log.debug("skipping a content block type Mainstay does not model (request-id {})", requestId);
            }
        }
        var usage = message.usage();
        return new ModelResponse(
                message.id(),
                message.model().asString(),
                content,
                stopReason(message.stopReason().flatMap(r -> r._value().asString())),
                usage(usage.inputTokens(), usage.outputTokens(),
                        usage.cacheCreationInputTokens(), usage.cacheReadInputTokens()),
                requestId);
    }

    /** The stop reason, {@code end_turn} when the provider sent none (it always does on a complete message). */
    static StopReason stopReason(Optional<String> wire) {
        return wire.filter(s -> !s.isBlank()).map(StopReason::of).orElse(StopReason.END_TURN);
    }

    static Usage usage(long input, long output, Optional<Long> cacheCreation, Optional<Long> cacheRead) {
        return new Usage(
                Math.max(0, input),
                Math.max(0, output),
                Math.max(0, cacheCreation.orElse(0L)),
                Math.max(0, cacheRead.orElse(0L)));
    }

    /** A tool's input as a JSON object; anything else (absent, null, a scalar) becomes an empty object. */
    static ObjectNode toolInput(JsonValue input) {
        JsonNode node = input.convert(JsonNode.class);
        if (node instanceof ObjectNode object) {
            return object;
        }
        return Json.object();
    }
}
