package dev.mainstay.store;

import java.util.List;
import java.util.Optional;

/** One page of a listing, and the opaque cursor of the next page, empty on the last. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        java.util.Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
