package dev.mainstay.tools.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.tools.internal.HttpResult;
import dev.mainstay.tools.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads result lists from search APIs. The content is untrusted web text, so each field is reduced to plain text of
 * bounded length, URLs must be http(s), and malformed entries are skipped rather than failing the whole search.
 */
final class SearchHits {
    static final int MAX_TITLE = 200;
    static final int MAX_SNIPPET = 500;
    static final int MAX_URL = 2048;

    private SearchHits() {}

    /**
     * What a backend answers for one HTTP result: its failure reason, at most {@code max} hits read from the array
     * at {@code resultsPointer} (a JSON Pointer such as {@code "/web/results"}) of a JSON object body, or
     * {@code "unexpected response"} (the service is unavailable) for any other body. A missing or non-array result list means no hits.
     */
    static SearchOutcome outcome(HttpResult result, String resultsPointer, String snippetField, int max) {
        return switch (result) {
            case HttpResult.Failed failed -> new SearchOutcome.Failed(failed.reason(), failed.backendUnavailable());
            case HttpResult.Ok ok -> ok.body().isObject()
                    ? new SearchOutcome.Found(from(ok.body().at(resultsPointer), snippetField, max))
                    : new SearchOutcome.Failed("unexpected response", true);
        };
    }

    /**
     * @param results the API's array of result objects; anything else yields no hits
     */
    static List<SearchHit> from(JsonNode results, String snippetField, int max) {
        var hits = new ArrayList<SearchHit>();
        if (!results.isArray()) {
            return hits;
        }
        for (JsonNode result : results) {
            if (hits.size() >= max) {
                break;
            }
            var url = result.path("url");
            if (!url.isTextual() || !isWebUrl(url.textValue())) {
                continue;
            }
            hits.add(new SearchHit(
                    clean(result.path("title"), MAX_TITLE), url.textValue(), clean(result.path(snippetField), MAX_SNIPPET)));
        }
        return hits;
    }

    private static boolean isWebUrl(String url) {
        var lower = url.toLowerCase(Locale.ROOT);
        return url.length() <= MAX_URL
                && (lower.startsWith("https://") || lower.startsWith("http://"))
                && url.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    private static String clean(JsonNode node, int max) {
        if (!node.isTextual()) {
            return "";
        }
        // bound before cleaning so a huge field costs little
        return Text.truncate(Text.plain(Text.truncate(node.textValue(), max * 4)), max);
    }
}
