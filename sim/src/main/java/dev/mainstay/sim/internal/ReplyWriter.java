package dev.mainstay.sim.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Role;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.sim.brain.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns what the brain wants to say into what a model obeying the request writes. One readable sequence:
 * <ol>
 *   <li>{@code tool_choice} shapes the reply ({@link ToolChoiceShaper});</li>
 *   <li>with thinking on, a thinking block about that reply goes first ({@link ThinkingWriter}) — not when the
 *       request prefills the assistant turn, which the model only continues;</li>
 *   <li>the text stops at the first stop sequence ({@link StopSequences});</li>
 *   <li>{@code max_tokens} cuts what is left, thinking included ({@link OutputLimiter}); whichever stop comes first
 *       is the stop reason;</li>
 *   <li>output tokens are counted, thinking included even when {@code display: "omitted"} sends it back empty;
 *       the thinking block is signed over the text it is sent with.</li>
 * </ol>
 * Stateless and deterministic.
 */
final class ReplyWriter {
    private ReplyWriter() {}

    /**
     * @param stopSequence the stop sequence the text stopped at, {@code null} unless the stop reason is
     *     {@code stop_sequence}
     * @param outputTokens at least 1
     */
    record Written(List<ContentBlock> content, StopReason stopReason, String stopSequence, long outputTokens) {
        Written {
            content = List.copyOf(content);
            Objects.requireNonNull(stopReason, "stopReason");
        }
    }

    static Written write(WireRequest wire, Reply reply) {
        var request = wire.request();
        var options = wire.options();
        var shaped = ToolChoiceShaper.shape(reply, options.toolChoice(), request.tools());
        var content = new ArrayList<ContentBlock>();
        boolean thinks = options.thinking().isOn() && request.messages().getLast().role() != Role.ASSISTANT;
        if (thinks) {
            var thought = ThinkingWriter.write(request, shaped.content(), options.thinking());
            content.add(new ThinkingBlock(thought, ThinkingSignatures.sign(thought)));
        }
        var cut = StopSequences.apply(shaped.content(), options.stopSequences());
        content.addAll(cut.content());
        var limited = OutputLimiter.limit(
                content, cut.stopped() ? StopReason.STOP_SEQUENCE : shaped.stopReason(), request.maxTokens());
        long outputTokens = Math.max(1, TokenEstimator.estimateBlocks(limited.content()));
        var stopSequence = limited.stopReason().equals(StopReason.STOP_SEQUENCE) ? cut.matched() : null;
        return new Written(displayed(limited.content(), options.thinking()), limited.stopReason(), stopSequence,
                outputTokens);
    }

    /** With {@code display: "omitted"} the thinking block goes out with empty text, signed as such. */
    private static List<ContentBlock> displayed(List<ContentBlock> content, Thinking thinking) {
        boolean omitted = switch (thinking) {
            case Thinking.Enabled enabled -> enabled.omitted();
            case Thinking.Adaptive adaptive -> adaptive.omitted();
            case Thinking.Disabled disabled -> false;
        };
        if (!omitted) {
            return content;
        }
        return content.stream()
                .map(block -> block instanceof ThinkingBlock ? new ThinkingBlock("", ThinkingSignatures.sign(""))
                        : block)
                .toList();
    }
}
