package dev.mainstay.tools.search;

import dev.mainstay.time.Cancellation;
import dev.mainstay.tools.ApiKey;
import dev.mainstay.tools.internal.JsonHttp;
import dev.mainstay.tools.internal.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Brave Search API: {@code GET {base}/res/v1/web/search?q=..&count=..} with the key in {@code X-Subscription-Token};
 * hits come from {@code web.results[].title/url/description}. No {@code web} section means no results.
 */
public final class BraveSearch implements SearchBackend {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.search.brave.com");

    private final JsonHttp http;
    private final ApiKey key;
    private final String base;

    public BraveSearch(JsonHttp http, ApiKey key, URI base) {
        this.http = Objects.requireNonNull(http, "http");
        this.key = Objects.requireNonNull(key, "key");
        this.base = Urls.withoutTrailingSlash(base);
    }

    @Override
    public String name() {
        return "brave";
    }

    @Override
    public SearchOutcome search(String query, int maxResults, Duration timeout, Cancellation cancellation) {
        var uri = URI.create(base + "/res/v1/web/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&count=" + maxResults);
        var request = HttpRequest.newBuilder(uri).GET().header("X-Subscription-Token", key.reveal());
        return SearchHits.outcome(http.send(request, timeout, cancellation), "/web/results", "description", maxResults);
    }

    @Override
    public String toString() {
        return "BraveSearch[" + base + "]";
    }
}
