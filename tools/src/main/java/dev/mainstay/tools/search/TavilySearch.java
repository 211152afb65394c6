package dev.mainstay.tools.search;

import dev.mainstay.json.Json;
import dev.mainstay.time.Cancellation;
import dev.mainstay.tools.ApiKey;
import dev.mainstay.tools.internal.JsonHttp;
import dev.mainstay.tools.internal.Urls;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * Tavily: {@code POST {base}/search} with JSON {@code {"query":..,"max_results":..}} and
 * {@code Authorization: Bearer <key>}; hits come from {@code results[].title/url/content}.
 */
public final class TavilySearch implements SearchBackend {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.tavily.com");

    private final JsonHttp http;
    private final ApiKey key;
    private final String base;

    public TavilySearch(JsonHttp http, ApiKey key, URI base) {
        this.http = Objects.requireNonNull(http, "http");
        this.key = Objects.requireNonNull(key, "key");
        this.base = Urls.withoutTrailingSlash(base);
    }

    @Override
    public String name() {
        return "tavily";
    }

    @Override
    public SearchOutcome search(String query, int maxResults, Duration timeout, Cancellation cancellation) {
        var body = Json.object().put("query", query).put("max_results", maxResults);
        var request = HttpRequest.newBuilder(URI.create(base + "/search"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key.reveal());
        return SearchHits.outcome(http.send(request, timeout, cancellation), "/results", "content", maxResults);
    }

    @Override
    public String toString() {
        return "TavilySearch[" + base + "]";
    }
}
