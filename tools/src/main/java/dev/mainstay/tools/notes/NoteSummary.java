package dev.mainstay.tools.notes;

import java.time.Instant;
import java.util.Objects;

/** A note without its body, as listed. */
public record NoteSummary(String id, String title, Instant updatedAt) {
    public NoteSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
