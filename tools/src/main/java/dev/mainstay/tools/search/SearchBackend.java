package dev.mainstay.tools.search;

import dev.mainstay.time.Cancellation;
import java.time.Duration;

/**
 * A web search service behind {@code web_search}. Implementations are thread-safe, bound every call by
 * {@code timeout}, abort on {@code cancellation}, return failures as {@link SearchOutcome.Failed} rather than
 * throwing, and never put their credentials in an outcome.
 */
public interface SearchBackend {
    /** A short lower-case name for configuration and diagnostics: "brave", "tavily", "searxng". */
    String name();

    /**
     * Searches the web.
     *
     * @param query the user's query, 1..400 characters
     * @param maxResults 1..10; a backend may return fewer
     */
    SearchOutcome search(String query, int maxResults, Duration timeout, Cancellation cancellation);
}
