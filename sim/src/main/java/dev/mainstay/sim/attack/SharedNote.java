package dev.mainstay.sim.attack;

import java.util.Objects;

/** A note in the user's shared notebook and who wrote it. */
public record SharedNote(String title, String body, String author) {
    public SharedNote {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(author, "author");
    }
}
