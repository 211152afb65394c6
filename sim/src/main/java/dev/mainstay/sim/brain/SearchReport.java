package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the web_search tool's output: {@code {"query":..,"results":[{"title","url","snippet"}]}}. */
final class SearchReport {
    /** One search hit. */
    record Hit(String title, String url, String snippet) {}

    private SearchReport() {}

    /** The hits in rank order, or empty when the output is not the tool's JSON shape. */
    static Optional<List<Hit>> hits(String output) {
        var json = JsonText.parse(output);
        if (json.isEmpty() || !json.get().path("results").isArray()) {
            return Optional.empty();
        }
        var hits = new ArrayList<Hit>();
        for (JsonNode result : json.get().path("results")) {
            var title = JsonText.text(result, "title").orElse("");
            var url = JsonText.text(result, "url").orElse("");
            var snippet = JsonText.text(result, "snippet").or(() -> JsonText.text(result, "content")).orElse("");
            if (!title.isEmpty() || !url.isEmpty()) {
                hits.add(new Hit(title, url, snippet));
            }
        }
        return Optional.of(hits);
    }

    static String describe(String query, String output) {
        var hits = hits(output);
        if (hits.isEmpty()) {
            return "The web search for " + Words.quoted(query) + " returned: " + Words.excerpt(output, 300);
        }
        if (hits.get().isEmpty()) {
            return "The web search for " + Words.quoted(query) + " found no results.";
        }
        var top = hits.get().getFirst();
        var text = new StringBuilder("According to the top result, ").append(Words.quoted(top.title()));
        if (!top.url().isEmpty()) {
            text.append(" (").append(top.url()).append(")");
        }
        text.append(top.snippet().isEmpty() ? "." : ": " + Words.excerpt(top.snippet(), 400));
        if (!text.toString().endsWith(".")) {
            text.append('.');
        }
        var others = hits.get().stream().skip(1).limit(2).map(h -> Words.quoted(h.title())).toList();
        if (!others.isEmpty()) {
            text.append(" Other results: ").append(Words.joinAnd(others)).append('.');
        }
        return text.toString();
    }
}
