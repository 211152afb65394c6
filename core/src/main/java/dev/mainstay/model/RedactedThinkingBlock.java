package dev.mainstay.model;

import java.util.Objects;

/** Thinking the provider encrypted ({@code redacted_thinking}): opaque {@code data}, sent back unchanged. */
public record RedactedThinkingBlock(String data) implements ContentBlock {
    public RedactedThinkingBlock {
        Objects.requireNonNull(data, "data");
    }
}
