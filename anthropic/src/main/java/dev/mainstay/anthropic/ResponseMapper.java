package dev.mainstay.anthropic;

import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Maps the SDK's {@link Message} to Mainstay's {@link ModelResponse}. Pure and stateless.
 *
 * <p>Every block is kept, in order: text, tool_use, thinking (with its signature) and redacted_thinking become
 * Mainstay's own types; every other type — server tool uses and results, and types newer than the SDK — becomes a
 * {@link RawBlock} holding the block's JSON exactly as the API sent it, so the journal is a faithful record and the
 * block can be sent back unchanged. A text block keeps its text only: {@link TextBlock} has no citations. Unknown
 * stop reasons are kept as they are.
 */
final class ResponseMapper {
    private ResponseMapper() {}

    /**
     * @throws AnthropicInvalidDataException when a block is not a JSON object with a {@code type}, or a known block
     *     lacks a required field; the client reports it as an unreadable response
     */
    static ModelResponse toResponse(Message message, String requestId) {
        var content = new ArrayList<ContentBlock>(message.content().size());
        for (var block : message.content()) {
            content.add(block(block));
        }
        var usage = message.usage();
        return new ModelResponse(
                message.id(),
                message.model().asString(),
                content,
                stopReason(message.stopReason().flatMap(r -> r._value().asString())),
                usage(usage),
                requestId);
    }

    private static ContentBlock block(com.anthropic.models.messages.ContentBlock block) {
        if (block.isText()) {
            return new TextBlock(block.asText().text());
        }
        if (block.isToolUse()) {
            var toolUse = block.asToolUse();
            return new ToolUseBlock(toolUse.id(), toolUse.name(), toolInput(toolUse._input()));
        }
        if (block.isThinking()) {
            var thinking = block.asThinking();
            return new ThinkingBlock(thinking.thinking(), thinking.signature());
        }
        if (block.isRedactedThinking()) {
            return new RedactedThinkingBlock(block.asRedactedThinking().data());
        }
        return raw(block._json(), block);
    }

    /**
     * A block Mainstay does not model, as the API sent it: the SDK keeps the JSON it read each block from
     * ({@code _json()}); a block built in code rather than read has none and is serialized by the SDK's own mapper.
     *
     * @param wire the JSON the block was read from, if it was read
     * @param sdkBlock the SDK's block, a union with its own Jackson serializer
     */
    static RawBlock raw(Optional<JsonValue> wire, Object sdkBlock) {
        JsonNode json = wire.isPresent()
                ? wire.get().convert(JsonNode.class)
                : ObjectMappers.jsonMapper().valueToTree(sdkBlock);
        if (!(json instanceof ObjectNode object)) {
            throw new AnthropicInvalidDataException("a content block is not a JSON object");
        }
        var type = object.path("type");
        if (!type.isTextual() || type.asText().isBlank()) {
            throw new AnthropicInvalidDataException("a content block has no type");
        }
        return new RawBlock(type.asText(), object);
    }

    /** The stop reason, {@code end_turn} when the provider sent none (it always does on a complete message). */
    static StopReason stopReason(Optional<String> wire) {
        return wire.filter(s -> !s.isBlank()).map(StopReason::of).orElse(StopReason.END_TURN);
    }

    /**
     * Every usage field the Messages API reports, each kind once: input, output, cache reads, cache writes split by
     * TTL ({@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens}; a total reported
     * without its split counts as 5-minute writes) and server tool uses ({@code server_tool_use}). Negative or
     * missing counts read as zero.
     */
    static Usage usage(com.anthropic.models.messages.Usage u) {
        var usage = new Usage(nonNegative(u._inputTokens().asKnown()), nonNegative(u._outputTokens().asKnown()), 0, 0,
                nonNegative(u._cacheReadInputTokens().asKnown()), 0, 0);
        var split = u._cacheCreation().asKnown();
        if (split.isPresent()) {
            usage = usage.withCacheWrites(nonNegative(split.get()._ephemeral5mInputTokens().asKnown()),
                    nonNegative(split.get()._ephemeral1hInputTokens().asKnown()));
        }
        var total = u._cacheCreationInputTokens().asKnown();
        if (total.isPresent()) {
            usage = usage.withCacheWriteTotal(nonNegative(total));
        }
        var tools = u._serverToolUse().asKnown();
        if (tools.isPresent()) {
            usage = usage.withServerTools(nonNegative(tools.get()._webSearchRequests().asKnown()),
                    nonNegative(tools.get()._webFetchRequests().asKnown()));
        }
        return usage;
    }

    static long nonNegative(Optional<Long> count) {
        return Math.max(0, count.orElse(0L));
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
