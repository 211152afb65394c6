package dev.mainstay.sim.brain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises requests to search the web ("search for …", "look up …", "find out who …", "latest news on …"). */
final class SearchPhrases {
    /** The web_search tool's limit on the query length. */
    static final int MAX_QUERY = 400;

    private static final Pattern SEARCH = Words.pattern(
            "\\b(?:search(?:\\s+(?:the\\s+web|online|the\\s+internet|google))?(?:\\s+for)?|web\\s+search(?:\\s+for)?"
                    + "|look\\s+up|lookup|google|find\\s+out|research)\\s+(?<query>.+)");
    private static final Pattern NEWS = Words.pattern(
            "\\b(?:what(?:'s|’s|\\s+is|\\s+are)\\s+the\\s+)?(?<topic>(?:latest|recent|breaking)\\s+news|news|headlines|latest)"
                    + "\\s+(?<prep>on|about|regarding|for|from)\\s+(?<query>.+)");
    private static final Pattern TAIL = Words.pattern(
            "(?:\\s+(?:please|for\\s+me|online|on\\s+the\\s+(?:web|internet)|on\\s+google))+$");

    /** A search request found at {@code start} of its clause. */
    record Found(int start, String query) {}

    private SearchPhrases() {}

    static Optional<Found> find(String clause) {
        Matcher news = NEWS.matcher(clause);
        Matcher search = SEARCH.matcher(clause);
        boolean hasNews = news.find();
        boolean hasSearch = search.find();
        if (hasSearch && (!hasNews || search.start() <= news.start())) {
            return query(search.group("query")).map(q -> new Found(search.start(), q));
        }
        if (hasNews) {
            var topic = Words.lower(news.group("topic"));
            var prefix = topic.contains("news") ? topic : topic + " news";
            return query(news.group("query")).map(q -> new Found(news.start(), prefix + " " + news.group("prep") + " " + q));
        }
        return Optional.empty();
    }

    /** A query as the tool should get it: trimmed of punctuation, quotes and "please"/"online"; empty if nothing is left. */
    static Optional<String> query(String raw) {
        var query = Words.clean(TAIL.matcher(Words.trimEnd(raw)).replaceAll(""));
        if (query.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY).strip() : query);
    }
}
