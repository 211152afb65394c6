package dev.mainstay.tools.search;

import dev.mainstay.time.Cancellation;
import dev.mainstay.tools.internal.JsonHttp;
import dev.mainstay.tools.internal.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A SearXNG instance: {@code GET {url}/search?q=..&format=json} (the instance must enable the JSON format, or it
 * answers 403); hits come from {@code results[].title/url/content}. SearXNG has no result count parameter, so the
 * first {@code maxResults} are kept.
 */
public final class SearxngSearch implements SearchBackend {
    private final JsonHttp http;
    private final String base;

    public SearxngSearch(JsonHttp http, URI base) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Urls.withoutTrailingSlash(base);
    }

    @Override
    public String name() {
        return "searxng";
    }

    @Override
    public SearchOutcome search(String query, int maxResults, Duration timeout, Cancellation cancellation) {
        var uri = URI.create(base + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json");
        var request = HttpRequest.newBuilder(uri).GET();
        return SearchHits.outcome(http.send(request, timeout, cancellation), "/results", "content", maxResults);
    }

    @Override
    public String toString() {
        return "SearxngSearch[" + base + "]";
    }
}
