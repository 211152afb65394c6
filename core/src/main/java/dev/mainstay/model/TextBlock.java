package dev.mainstay.model;

import java.util.Objects;

/** Plain text written by the user or the model. */
public record TextBlock(String text) implements ContentBlock {
    public TextBlock {
        Objects.requireNonNull(text, "text");
    }
}
