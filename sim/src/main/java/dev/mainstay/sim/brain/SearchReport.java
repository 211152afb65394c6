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

    /** The answer's paragraph: the finding and its source, or that the results do not answer the query. */
    static String describe(String query, String output) {
        var hits = hits(output);
        if (hits.isEmpty()) {
            return "The web search for " + Words.quoted(query) + " returned: " + Words.excerpt(output, 300);
        }
        if (hits.get().isEmpty()) {
            return "The web search for " + Words.quoted(query) + " found no results.";
        }
        var finding = SearchRelevance.answer(query, hits.get());
        if (finding.isEmpty()) {
            return "I searched the web for " + Words.quoted(query) + ", but none of the results answer it.";
        }
        var hit = finding.get();
        var text = new StringBuilder("According to ").append(Words.quoted(hit.title()));
        if (!hit.url().isEmpty()) {
            text.append(" (").append(hit.url()).append(")");
        }
        text.append(": ").append(Words.excerpt(hit.snippet(), 400));
        if (!text.toString().endsWith(".")) {
            text.append('.');
        }
        return text.toString();
    }

    /** The note that saves the finding: what the result says and where it says it; empty without a finding. */
    static Optional<String> noteBody(String query, String output) {
        return hits(output).flatMap(hits -> SearchRelevance.answer(query, hits)).map(hit -> {
            var body = new ArrayList<String>();
            body.add(hit.snippet());
            body.add("Source: " + hit.title() + (hit.url().isEmpty() ? "" : " (" + hit.url() + ")"));
            return String.join("\n", body);
        });
    }
}
