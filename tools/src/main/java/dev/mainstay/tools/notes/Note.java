package dev.mainstay.tools.notes;

import java.time.Instant;
import java.util.Objects;

/** A saved note. Titles are unique per (tenant, user); saving the same title again replaces the body. */
public record Note(String id, String title, String body, Instant createdAt, Instant updatedAt) {
    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public NoteSummary summary() {
        return new NoteSummary(id, title, updatedAt);
    }
}
