package dev.mainstay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Folds {@code chat.completion.chunk}s into one {@link ModelResponse}, feeding a {@link StreamObserver}. One
 * instance per call; not thread-safe (a stream is read on one thread).
 *
 * <p>Chat Completions streams have no block boundaries: text arrives as {@code delta.content} fragments and each
 * tool call as {@code delta.tool_calls} fragments keyed by {@code index} (id, type and name in the first,
 * {@code arguments} pieces after, several entries for one index possibly in one chunk). So text is passed on as it
 * arrives, always as block 0 (the text block comes first in the final content), and
 * {@link StreamObserver#onBlockComplete} is called for every block once the stream has ended, in content order.
 * Usage arrives in the last chunk (with empty {@code choices}) because the request sets {@code include_usage}.
 */
final class ChatStreamAccumulator {
    private final StreamObserver observer;
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Integer, OpenCall> calls = new TreeMap<>();
    private String id = "";
    private String model = "";
    private String finishReason = "";
    private boolean refused;
    private boolean sawUsage;
    private Usage usage = Usage.ZERO;
    private int lastCallIndex = -1;
    private boolean anyChunk;

    ChatStreamAccumulator(StreamObserver observer) {
        this.observer = observer;
    }

    /** Takes the next chunk. */
    void accept(JsonNode chunk) {
        anyChunk = true;
        if (id.isEmpty()) {
            id = ChatResponseMapper.text(chunk.get("id"));
        }
        var chunkModel = ChatResponseMapper.text(chunk.get("model"));
        if (!chunkModel.isBlank()) {
            model = chunkModel;
        }
        var chunkUsage = chunk.get("usage");
        if (chunkUsage != null && chunkUsage.isObject()) {
            // usage values are totals for the whole call: a later report replaces an earlier one
            usage = ChatResponseMapper.usage(chunkUsage);
            sawUsage = true;
        }
        for (var choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) == 0) {
                acceptChoice(choice);
            }
        }
    }

    /**
     * Whether a stream that ended without {@code data: [DONE]} still holds a whole answer: it reported both a finish
     * reason and usage (some servers close without the sentinel). Anything less is a cut stream.
     */
    boolean isCompleteWithoutDone() {
        return !finishReason.isEmpty() && sawUsage;
    }

    /**
     * Builds the response and reports each block to the observer.
     *
     * @throws dev.mainstay.model.ModelConnectionException when a tool call's arguments are not a JSON object
     */
    ModelResponse finish(String requestedModel, String requestId, boolean delivered) {
        var parts = new ArrayList<ChatResponseMapper.ToolCallParts>();
        calls.forEach((index, call) -> parts.add(new ChatResponseMapper.ToolCallParts(
                ChatResponseMapper.callId(call.id, id, index), call.name, call.arguments.toString())));
        var stop = ChatResponseMapper.stopReason(finishReason, !parts.isEmpty(), refused && !text.isEmpty());
        List<ContentBlock> blocks = ChatResponseMapper.blocks(text.toString(), parts, stop, delivered);
        for (int i = 0; i < blocks.size(); i++) {
            observer.onBlockComplete(i, blocks.get(i));
        }
        return new ModelResponse(id, ChatResponseMapper.modelOr(model, requestedModel), blocks, stop, usage, requestId);
    }

    /**
     * What the server bills for the stream so far: the usage it reported, or — for a stream cut before its final
     * usage chunk — an estimate ({@link TokenEstimator}): the request's input and the output delivered so far. Zero
     * before the first chunk: nothing was generated yet.
     */
    Usage billedSoFar(ModelRequest request) {
        if (sawUsage) {
            return usage;
        }
        if (!anyChunk) {
            return Usage.ZERO;
        }
        var generated = new StringBuilder(text);
        calls.values().forEach(call -> generated.append(call.name).append(call.arguments));
        return new Usage(TokenEstimator.estimateInput(request), TokenEstimator.estimateText(generated.toString()), 0,
                0);
    }

    private void acceptChoice(JsonNode choice) {
        var delta = choice.path("delta");
        appendText(ChatResponseMapper.text(delta.get("content")));
        var refusal = ChatResponseMapper.text(delta.get("refusal"));
        if (!refusal.isEmpty()) {
            refused = true;
            appendText(refusal);
        }
        for (var call : delta.path("tool_calls")) {
            acceptCall(call);
        }
        var reason = ChatResponseMapper.text(choice.get("finish_reason"));
        if (!reason.isEmpty()) {
            finishReason = reason;
        }
    }

    private void appendText(String fragment) {
        if (!fragment.isEmpty()) {
            text.append(fragment);
            observer.onTextDelta(0, fragment);
        }
    }

    private void acceptCall(JsonNode fragment) {
        var fragmentId = ChatResponseMapper.text(fragment.get("id"));
        int index = indexOf(fragment, fragmentId);
        lastCallIndex = index;
        var call = calls.computeIfAbsent(index, i -> new OpenCall());
        if (call.id.isEmpty()) {
            call.id = fragmentId;
        }
        var function = fragment.path("function");
        var name = ChatResponseMapper.text(function.get("name"));
        if (call.name.isEmpty()) {
            call.name = name; // sent once; servers that repeat it would corrupt a concatenation
        }
        var arguments = function.get("arguments");
        if (arguments != null && arguments.isObject()) {
            call.arguments.setLength(0);
            call.arguments.append(arguments); // a server that sends whole objects, not fragments
        } else {
            call.arguments.append(ChatResponseMapper.text(arguments));
        }
    }

    /** The fragment's {@code index}; servers that omit it start a new call with each new id. */
    private int indexOf(JsonNode fragment, String fragmentId) {
        var index = fragment.get("index");
        if (index != null && index.canConvertToInt()) {
            return index.asInt();
        }
        boolean newCall = lastCallIndex < 0
                || (!fragmentId.isEmpty() && !fragmentId.equals(calls.get(lastCallIndex).id));
        return newCall ? (calls.isEmpty() ? 0 : calls.lastKey() + 1) : lastCallIndex;
    }

    /** A tool call still being streamed. */
    private static final class OpenCall {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();
    }
}
