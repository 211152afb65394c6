package dev.mainstay.sim.brain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises requests to search the web and extracts the query: a search verb ("search for", "look up", "find
 * out", "google", "research", "check online", "find") followed by what to search for, up to the end of the clause
 * (the clause splitter has already cut off "… and note it down"); "latest news on …"; and, as a last resort, a
 * factual question the model cannot answer itself ("who won the 2018 World Cup?", "tell me about the Nile").
 */
final class SearchPhrases {
    /** The web_search tool's limit on the query length. */
    static final int MAX_QUERY = 400;

    private static final Pattern SEARCH = Words.pattern(
            "\\b(?:search(?:\\s+(?:the\\s+web|online|the\\s+internet|google|around))?(?:\\s+for)?|web\\s+search(?:\\s+for)?"
                    + "|look\\s+up|lookup|look\\s+for|google|find\\s+out|find|research|check\\s+online(?:\\s+for)?"
                    + "|do\\s+a\\s+(?:web\\s+)?search\\s+(?:for|on)|browse\\s+for)\\s+(?<query>.+)");
    private static final Pattern NEWS = Words.pattern(
            "\\b(?:what(?:'s|’s|\\s+is|\\s+are)\\s+the\\s+)?(?<topic>(?:latest|recent|breaking)\\s+news|news|headlines|latest)"
                    + "\\s+(?<prep>on|about|regarding|for|from)\\s+(?<query>.+)");
    private static final Pattern LEADING = Words.pattern(
            "^(?:(?:me|for\\s+me|to\\s+(?:find\\s+out|learn|see|discover|check)|out)\\s+"
                    + "|(?:some\\s+|more\\s+)?(?:information|info|details|facts)\\s+(?:on|about|regarding)\\s+)+");
    private static final Pattern TAIL = Words.pattern(
            "(?:\\s+(?:please|for\\s+me|online|on\\s+the\\s+(?:web|internet)|on\\s+google|for\\s+me\\s+please))+$");
    private static final Pattern QUESTION = Words.pattern(
            "^(?:(?:can|could|would|will)\\s+you\\s+)?(?:please\\s+)?(?:tell\\s+me\\s+|do\\s+you\\s+know\\s+"
                    + "|i\\s+(?:want|would\\s+like|'d\\s+like|’d\\s+like)\\s+to\\s+know\\s+|i\\s+wonder\\s+|any\\s+idea\\s+)?"
                    + "(?<question>(?:who|what|what's|what’s|when|where|which|why|how)\\b.+)$");
    /** "Is the Eiffel Tower taller than the Shard?", "Does Tokyo have more people than Paris?" */
    private static final Pattern YES_NO = Words.pattern(
            "^(?<question>(?:is|are|was|were|does|do|did|has|have|had)\\s+(?!(?:it|there|this|that|these|those)\\b)\\S+"
                    + "(?:\\s+\\S+){2,})$");
    private static final Pattern TELL_ABOUT = Words.pattern(
            "^(?:(?:can|could|would)\\s+you\\s+)?(?:please\\s+)?tell\\s+me\\s+(?:more\\s+)?about\\s+(?<topic>.+)$");
    /** Questions about the user, the model or the moment: a search would not answer them. */
    private static final Pattern PERSONAL = Words.pattern(
            "\\b(?:i|i'm|i’m|me|my|mine|you|your|yours|we|us|our)\\b|\\bwhat\\s+(?:time|day|date)\\b"
                    + "|^how(?:'s|’s|\\s+is|\\s+are)\\s+(?:it|things|life|everything)\\b"
                    + "|\\bwhat(?:'s|’s|\\s+is)\\s+(?:the\\s+)?(?:time|date|today)\\b");

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

    /**
     * A factual question in a clause that asks for nothing else, as the query to search for: a wh-question, "tell
     * me about …", or a yes-or-no question about something other than the user or the model that ends in "?".
     */
    static Optional<String> question(String clause) {
        var text = Clauses.withoutFillers(clause);
        var about = TELL_ABOUT.matcher(text);
        if (about.matches() && !PERSONAL.matcher(about.group("topic")).find()) {
            return query(about.group("topic"));
        }
        var question = QUESTION.matcher(text);
        if (!question.matches()) {
            question = YES_NO.matcher(Words.trimEnd(text));
            if (!text.strip().endsWith("?") || !question.matches()) {
                return Optional.empty();
            }
        }
        var asked = question.group("question");
        if (PERSONAL.matcher(asked).find() || Words.trimEnd(asked).split("\\s+").length < 3) {
            return Optional.empty();
        }
        return query(asked);
    }

    /** A query as the tool should get it: trimmed of punctuation, quotes and "please"/"online"; empty if nothing is left. */
    static Optional<String> query(String raw) {
        var query = Words.clean(TAIL.matcher(LEADING.matcher(Words.trimEnd(raw)).replaceFirst("")).replaceAll(""));
        if (query.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY).strip() : query);
    }
}
