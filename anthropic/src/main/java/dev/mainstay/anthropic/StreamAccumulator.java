package dev.mainstay.anthropic;

import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.RawContentBlockDeltaEvent;
import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.anthropic.models.messages.RawMessageDeltaEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds the Messages API's stream events into one {@link ModelResponse}, feeding a {@link StreamObserver} as text
 * arrives and as each block completes. One instance per call; not thread-safe (a stream is read on one thread).
 *
 * <p>Why not the SDK's {@code MessageAccumulator}: the observer needs each block, in Mainstay's types, the moment
 * its {@code content_block_stop} arrives, which that class does not expose; folding the few event kinds here is
 * simpler than converting twice. Every block is kept ({@link OpenBlock} says how each kind is assembled); only
 * answer text goes to {@code onTextDelta}, thinking does not, and every block goes to {@code onBlockComplete}.
 *
 * <p>The protocol errors it throws carry {@code contentDelivered() == true} once anything reached the observer.
 */
final class StreamAccumulator {
    private final StreamObserver observer;
    private final TreeMap<Long, OpenBlock> open = new TreeMap<>();
    private final TreeMap<Long, ContentBlock> done = new TreeMap<>();
    private String id;
    private String model;
    private Optional<String> stopReason = Optional.empty();
    private Usage usage = Usage.ZERO;
    private boolean started;
    private boolean stopped;
    private boolean delivered;
    private long generatedCodePoints;

    StreamAccumulator(StreamObserver observer) {
        this.observer = observer;
    }

    /** Takes the next event. Throws {@link ModelConnectionException} when the stream breaks the protocol. */
    void accept(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            var message = event.asMessageStart().message();
            id = message.id();
            model = message.model().asString();
            usage = ResponseMapper.usage(message.usage());
            started = true;
        } else if (event.isContentBlockStart()) {
            requireStarted("content_block_start");
            start(event.asContentBlockStart());
        } else if (event.isContentBlockDelta()) {
            requireStarted("content_block_delta");
            delta(event.asContentBlockDelta());
        } else if (event.isContentBlockStop()) {
            requireStarted("content_block_stop");
            stop(event.asContentBlockStop().index());
        } else if (event.isMessageDelta()) {
            requireStarted("message_delta");
            messageDelta(event.asMessageDelta());
        } else if (event.isMessageStop()) {
            requireStarted("message_stop");
            // a block the server never closed still belongs to the message
            for (var index : new ArrayList<>(open.keySet())) {
                stop(index);
            }
            stopped = true;
        }
        // any other event type is newer than this client and carries nothing Mainstay models
    }

    boolean isComplete() {
        return stopped;
    }

    ModelResponse response(String requestId) {
        if (!stopped) {
            throw new IllegalStateException("the stream has not reached message_stop");
        }
        return new ModelResponse(
                id,
                model,
                new ArrayList<>(done.values()),
                ResponseMapper.stopReason(stopReason),
                usage,
                requestId);
    }

    /** Characters of output a delta carries: text, tool input, thinking. */
    private static long generated(com.anthropic.models.messages.RawContentBlockDelta delta) {
        String part = "";
        if (delta.isText()) {
            part = delta.asText().text();
        } else if (delta.isInputJson()) {
            part = delta.asInputJson().partialJson();
        } else if (delta.isThinking()) {
            part = delta.asThinking().thinking();
        }
        return part.codePointCount(0, part.length());
    }

    /**
     * What the provider bills for the stream so far: the input of {@code message_start}, and the output reported
     * (message_delta totals) or, for a stream cut before its totals arrived, estimated from the deltas received
     * ({@link TokenEstimator}, whichever is larger). Zero before {@code message_start}: nothing was billed yet.
     */
    Usage billedSoFar() {
        if (!started) {
            return Usage.ZERO;
        }
        long estimated = (generatedCodePoints + TokenEstimator.CHARS_PER_TOKEN - 1) / TokenEstimator.CHARS_PER_TOKEN;
        return new Usage(usage.inputTokens(), Math.max(usage.outputTokens(), estimated), usage.cacheWrite5mTokens(),
                usage.cacheWrite1hTokens(), usage.cacheReadInputTokens(), usage.webSearchRequests(),
                usage.webFetchRequests());
    }

    private void start(RawContentBlockStartEvent start) {
        var block = OpenBlock.start(start.contentBlock());
        open.put(start.index(), block);
        if (block instanceof OpenBlock.Text text && !text.text().isEmpty()) {
            deliverText(start.index(), text.text());
        }
    }

    private void delta(RawContentBlockDeltaEvent event) {
        var block = open.get(event.index());
        if (block == null) {
            return; // a delta for a block that never started, or has already stopped
        }
        var delta = event.delta();
        generatedCodePoints += generated(delta);
        block.accept(delta);
        if (block instanceof OpenBlock.Text && delta.isText()) {
            deliverText(event.index(), delta.asText().text());
        }
    }

    private void stop(long index) {
        var block = open.remove(index);
        if (block == null) {
            return;
        }
        var complete = block.complete(delivered);
        done.put(index, complete);
        delivered = true;
        observer.onBlockComplete((int) index, complete);
    }

    private void messageDelta(RawMessageDeltaEvent event) {
        var reason = event.delta().stopReason().flatMap(r -> r._value().asString());
        if (reason.isPresent()) {
            stopReason = reason;
        }
        // message_delta usage values are cumulative totals: they replace, never add; a kind it leaves out keeps
        // what message_start said
        usage = delta(usage, event.usage());
    }

    /**
     * {@code usage} updated by a {@code message_delta}'s cumulative usage. The SDK's delta type has no
     * {@code cache_creation} split, so a split the server sends is read from its additional properties; a new total
     * without a split keeps the 1-hour part {@code message_start} reported and counts the rest as 5-minute writes.
     */
    static Usage delta(Usage usage, MessageDeltaUsage delta) {
        var output = delta._outputTokens().asKnown();
        var input = delta._inputTokens().asKnown();
        var read = delta._cacheReadInputTokens().asKnown();
        var updated = new Usage(input.isPresent() ? ResponseMapper.nonNegative(input) : usage.inputTokens(),
                output.isPresent() ? ResponseMapper.nonNegative(output) : usage.outputTokens(),
                usage.cacheWrite5mTokens(), usage.cacheWrite1hTokens(),
                read.isPresent() ? ResponseMapper.nonNegative(read) : usage.cacheReadInputTokens(),
                usage.webSearchRequests(), usage.webFetchRequests());
        var split = delta._additionalProperties().get("cache_creation");
        if (split != null && split.convert(com.fasterxml.jackson.databind.JsonNode.class)
                instanceof com.fasterxml.jackson.databind.node.ObjectNode node) {
            updated = updated.withCacheWrites(Math.max(0, node.path("ephemeral_5m_input_tokens").asLong()),
                    Math.max(0, node.path("ephemeral_1h_input_tokens").asLong()));
        }
        var total = delta._cacheCreationInputTokens().asKnown();
        if (total.isPresent()) {
            updated = updated.withCacheWriteTotal(ResponseMapper.nonNegative(total));
        }
        var tools = delta._serverToolUse().asKnown();
        if (tools.isPresent()) {
            updated = updated.withServerTools(ResponseMapper.nonNegative(tools.get()._webSearchRequests().asKnown()),
                    ResponseMapper.nonNegative(tools.get()._webFetchRequests().asKnown()));
        }
        return updated;
    }

    private void deliverText(long index, String text) {
        delivered = true;
        observer.onTextDelta((int) index, text);
    }

    private void requireStarted(String eventName) {
        if (!started) {
            throw new ModelConnectionException(
                    "malformed stream: " + eventName + " before message_start", delivered, null);
        }
    }
}
