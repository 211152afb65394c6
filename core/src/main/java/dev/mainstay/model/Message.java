package dev.mainstay.model;

import java.util.List;
import java.util.Objects;

/** One turn of the conversation. The content list is copied and immutable. */
public record Message(Role role, List<ContentBlock> content) {
    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new TextBlock(text)));
    }

    public static Message assistant(List<ContentBlock> content) {
        return new Message(Role.ASSISTANT, content);
    }

    /** The text blocks of this message joined by newlines; empty when there are none. */
    public String text() {
        return ContentBlocks.text(content);
    }
}
