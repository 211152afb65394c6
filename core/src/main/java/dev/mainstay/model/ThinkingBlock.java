package dev.mainstay.model;

import java.util.Objects;

/**
 * The model's extended thinking, with the provider's signature over it. The Messages API requires thinking blocks
 * to be sent back unchanged, signature included, with the tool results of the same turn; the journal keeps them so
 * a resumed run can do so.
 */
public record ThinkingBlock(String thinking, String signature) implements ContentBlock {
    public ThinkingBlock {
        Objects.requireNonNull(thinking, "thinking");
        Objects.requireNonNull(signature, "signature");
    }
}
