package dev.mainstay.tools.search;

import java.util.List;
import java.util.Objects;

/** What a search backend answered: hits (possibly none), or a short reason it could not answer. */
public sealed interface SearchOutcome {
    record Found(List<SearchHit> hits) implements SearchOutcome {
        public Found {
            hits = List.copyOf(hits);
        }
    }

    /** {@code reason} is short and never holds a URL, a header or a key ("HTTP 401", "timed out after 5s"). */
    record Failed(String reason) implements SearchOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
