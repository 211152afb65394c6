package dev.mainstay.model;

import java.util.List;
import java.util.Objects;

/**
 * A model's complete answer to one {@link ModelRequest}.
 *
 * @param id the provider's message id
 * @param model the model that answered, as the provider reports it (a fallback may differ from the one requested)
 * @param content the content blocks in the model's order
 * @param stopReason why the model stopped
 * @param usage tokens this call consumed
 * @param requestId the provider's request id for support tickets, empty when unknown
 */
public record ModelResponse(
        String id, String model, List<ContentBlock> content, StopReason stopReason, Usage usage, String requestId) {

    public ModelResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
        requestId = requestId == null ? "" : requestId;
    }

    public String text() {
        return ContentBlocks.text(content);
    }

    public List<ToolUseBlock> toolUses() {
        return ContentBlocks.toolUses(content);
    }
}
