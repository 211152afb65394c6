package dev.mainstay.costcontrol;

import dev.mainstay.context.Summariser;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * Summarises older turns by asking a (cheap) model through the runtime's model chain, so the call is budgeted,
 * retried, failed over and priced like any other. The turns are given as one transcript in a single user message —
 * a tool_use and its result become lines of it — so the request is valid whatever the turns held. Streams nothing,
 * declares no tools. Thread-safe.
 */
public final class ModelSummariser implements Summariser {
    static final String SYSTEM = "You condense conversations. Summarise the transcript you are given in a few "
            + "sentences: the user's goals, the facts established (tool results included), decisions and open "
            + "questions. Write only the summary.";

    private final ModelChain chain;
    private final String model;
    private final int maxTokens;

    public ModelSummariser(ModelChain chain, String model, int maxTokens) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.model = Objects.requireNonNull(model, "model");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, but was " + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    /** @throws IllegalStateException when the model refused, or answered with no text */
    @Override
    public Summary summarise(List<Message> turns, CallContext context) {
        var request = new ModelRequest(model, SYSTEM, List.of(Message.user(transcript(turns))), List.of(), maxTokens,
                false, false);
        var outcome = chain.call(request, context.withResponseCacheable(false));
        return switch (outcome) {
            case ModelOutcome.Answered answered -> {
                var text = answered.response().text().strip();
                if (text.isEmpty()) {
                    throw new IllegalStateException("the summary model answered with no text");
                }
                var response = answered.response();
                yield new Summary(text, response.model().isEmpty() ? model : response.model(), answered.usage(),
                        answered.cost(), answered.billed());
            }
            case ModelOutcome.Refused refused -> throw new IllegalStateException("the summary call was refused: "
                    + refused.refusal().code());
        };
    }

    /** The turns as plain text, one line per block, each prefixed by who said it. */
    static String transcript(List<Message> turns) {
        var text = new StringBuilder("Transcript:\n");
        for (var message : turns) {
            var who = message.role().wire();
            for (ContentBlock block : message.content()) {
                switch (block) {
                    case TextBlock t -> text.append(who).append(": ").append(t.text()).append('\n');
                    case ToolUseBlock u -> text.append(who).append(" called ").append(u.name()).append(' ')
                            .append(Json.write(u.input())).append('\n');
                    case ToolResultBlock r -> text.append("tool result").append(r.isError() ? " (error)" : "")
                            .append(": ").append(r.content()).append('\n');
                    case ThinkingBlock ignored -> {
                        // the model's private reasoning is not part of what was said
                    }
                    default -> {
                        // redacted thinking and raw provider blocks carry nothing a summary can use
                    }
                }
            }
        }
        return text.toString();
    }
}
