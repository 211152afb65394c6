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

    /**
     * {@code reason} is short and never holds a URL, a header or a key ("HTTP 401", "timed out after 5s").
     * {@code backendUnavailable} says the service could not answer for infrastructure reasons (5xx, 429, timeout,
     * connection failure, unreadable body); {@code web_search} then reports it with
     * {@link dev.mainstay.tool.ToolResult#unavailable} so the tool's circuit breaker counts it.
     */
    record Failed(String reason, boolean backendUnavailable) implements SearchOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        /** A failure the service is not to blame for (a refused request, a cancelled call). */
        public Failed(String reason) {
            this(reason, false);
        }
    }
}
