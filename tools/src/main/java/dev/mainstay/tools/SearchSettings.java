package dev.mainstay.tools;

import dev.mainstay.tools.search.BraveSearch;
import dev.mainstay.tools.search.TavilySearch;
import java.net.URI;
import java.util.Objects;

/**
 * Which web search backend {@code web_search} uses, with what it needs. Keys are {@link ApiKey}s, so
 * {@code toString()} of any of these never shows one.
 */
public sealed interface SearchSettings {
    /** The value of {@code MAINSTAY_SEARCH_BACKEND} that selects this backend. */
    String backendName();

    /** No backend: {@code web_search} answers that search is not configured. */
    record None() implements SearchSettings {
        @Override
        public String backendName() {
            return "none";
        }
    }

    record Brave(ApiKey key, URI baseUrl) implements SearchSettings {
        public Brave {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(baseUrl, "baseUrl");
        }

        public Brave(ApiKey key) {
            this(key, BraveSearch.DEFAULT_BASE_URL);
        }

        @Override
        public String backendName() {
            return "brave";
        }
    }

    record Tavily(ApiKey key, URI baseUrl) implements SearchSettings {
        public Tavily {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(baseUrl, "baseUrl");
        }

        public Tavily(ApiKey key) {
            this(key, TavilySearch.DEFAULT_BASE_URL);
        }

        @Override
        public String backendName() {
            return "tavily";
        }
    }

    /** A SearXNG instance at {@code url} (its JSON format must be enabled). */
    record Searxng(URI url) implements SearchSettings {
        public Searxng {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String backendName() {
            return "searxng";
        }
    }
}
