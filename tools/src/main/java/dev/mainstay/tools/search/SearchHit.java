package dev.mainstay.tools.search;

import java.util.Objects;

/** One web search result, already cleaned: plain text, bounded lengths, an http(s) URL. */
public record SearchHit(String title, String url, String snippet) {
    public SearchHit {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(snippet, "snippet");
    }
}
