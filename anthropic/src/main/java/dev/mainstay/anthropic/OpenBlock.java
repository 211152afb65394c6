package dev.mainstay.anthropic;

import com.anthropic.models.messages.RawContentBlockDelta;
import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolUseBlock;

/**
 * A streamed content block between its {@code content_block_start} and {@code content_block_stop} events, folding
 * the deltas of its kind into the complete block. A delta of a kind the block does not take is ignored. Not
 * thread-safe: a stream is read on one thread.
 *
 * <p>Which deltas build which block: {@code text_delta} → text; {@code input_json_delta} → a tool_use's input, and
 * the {@code input} of any other block that streams one (a {@code server_tool_use}); {@code thinking_delta} and
 * {@code signature_delta} → thinking. A redacted_thinking block, and every block the API sends whole in its start
 * event (server tool results, types newer than this client), is complete at its start.
 */
sealed interface OpenBlock {
    /** Folds in one delta. */
    void accept(RawContentBlockDelta delta);

    /**
     * The complete block.
     *
     * @param delivered whether anything reached the observer, for the failure this may throw
     * @throws ModelConnectionException when a streamed input is not a JSON object
     */
    ContentBlock complete(boolean delivered);

    /** The open block a {@code content_block_start} event begins. */
    static OpenBlock start(RawContentBlockStartEvent.ContentBlock block) {
        if (block.isText()) {
            return new Text(block.asText().text());
        }
        if (block.isToolUse()) {
            var toolUse = block.asToolUse();
            return new ToolUse(toolUse.id(), toolUse.name());
        }
        if (block.isThinking()) {
            var thinking = block.asThinking();
            return new Thinking(thinking._thinking().asKnown().orElse(""),
                    thinking._signature().asKnown().orElse(""));
        }
        if (block.isRedactedThinking()) {
            return new Whole(new RedactedThinkingBlock(block.asRedactedThinking().data()));
        }
        return new Raw(ResponseMapper.raw(block._json(), block));
    }

    final class Text implements OpenBlock {
        private final StringBuilder text;

        Text(String initial) {
            text = new StringBuilder(initial);
        }

        /** The text so far. */
        String text() {
            return text.toString();
        }

        @Override
        public void accept(RawContentBlockDelta delta) {
            if (delta.isText()) {
                text.append(delta.asText().text());
            }
        }

        @Override
        public ContentBlock complete(boolean delivered) {
            return new TextBlock(text.toString());
        }
    }

    final class ToolUse implements OpenBlock {
        private final String id;
        private final String name;
        private final StringBuilder input = new StringBuilder();

        ToolUse(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public void accept(RawContentBlockDelta delta) {
            if (delta.isInputJson()) {
                input.append(delta.asInputJson().partialJson());
            }
        }

        @Override
        public ContentBlock complete(boolean delivered) {
            return new ToolUseBlock(id, name, input(input, "tool_use " + id, delivered));
        }
    }

    final class Thinking implements OpenBlock {
        private final StringBuilder thinking;
        private String signature;

        Thinking(String thinking, String signature) {
            this.thinking = new StringBuilder(thinking);
            this.signature = signature;
        }

        @Override
        public void accept(RawContentBlockDelta delta) {
            if (delta.isThinking()) {
                thinking.append(delta.asThinking().thinking());
            } else if (delta.isSignature()) {
                // one signature_delta, just before content_block_stop, carries the whole signature
                signature = delta.asSignature().signature();
            }
        }

        @Override
        public ContentBlock complete(boolean delivered) {
            return new ThinkingBlock(thinking.toString(), signature);
        }
    }

    /** A block that arrived complete in its start event. */
    record Whole(ContentBlock block) implements OpenBlock {
        @Override
        public void accept(RawContentBlockDelta delta) {}

        @Override
        public ContentBlock complete(boolean delivered) {
            return block;
        }
    }

    /** A block Mainstay does not model: its start event's JSON, with an {@code input} streamed after it, if any. */
    final class Raw implements OpenBlock {
        private final RawBlock start;
        private final StringBuilder input = new StringBuilder();

        Raw(RawBlock start) {
            this.start = start;
        }

        @Override
        public void accept(RawContentBlockDelta delta) {
            if (delta.isInputJson()) {
                input.append(delta.asInputJson().partialJson());
            }
        }

        @Override
        public ContentBlock complete(boolean delivered) {
            if (input.isEmpty()) {
                return start;
            }
            var json = start.json();
            var what = start.type() + (json.hasNonNull("id") ? " " + json.get("id").asText() : "");
            json.set("input", input(input, what, delivered));
            return new RawBlock(start.type(), json);
        }
    }

    private static ObjectNode input(CharSequence streamed, String what, boolean delivered) {
        var json = streamed.toString();
        if (json.isBlank()) {
            return Json.object();
        }
        try {
            return Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            // no cause: its message would quote the model's output
            throw new ModelConnectionException(
                    "malformed stream: the input of " + what + " is not a JSON object", delivered, null);
        }
    }
}
