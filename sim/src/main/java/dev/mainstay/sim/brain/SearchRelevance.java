package dev.mainstay.sim.brain;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which search hit, if any, answers the query, the way a careful reader skims results instead of trusting
 * the first one. A hit answers when
 * <ul>
 *   <li>its title and snippet mention at least half of the query's key words (stop words and question words left
 *       out; words compared by their first five letters, so "invented" matches "invention"), and</li>
 *   <li>its snippet says something the query did not: a number or a name (a capitalised word inside a sentence)
 *       that is not in the query. Pages that only echo the query ("An overview of X: background, key facts…")
 *       carry neither.</li>
 * </ul>
 * The first hit in rank order that answers is the finding.
 */
final class SearchRelevance {
    static final double MIN_COVERAGE = 0.5;
    private static final int STEM = 5;
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "in", "on", "for", "is", "are", "was",
            "were", "what", "what's", "who", "whom", "which", "how", "when", "where", "why", "to", "and", "or", "does",
            "do", "did", "me", "tell", "about", "find", "out", "search", "look", "up", "by", "with", "at", "from", "it",
            "its", "s", "be", "been", "there", "that", "this", "these", "those", "much", "many", "please", "can",
            "could", "you", "i", "my", "web", "online", "information", "info", "details", "some", "any");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern FACT = Pattern.compile("\\p{N}|(?<=[\\p{L},;:)]\\s)\\p{Lu}\\p{L}*");

    private SearchRelevance() {}

    /** The first hit that answers {@code query}, if any. */
    static Optional<SearchReport.Hit> answer(String query, List<SearchReport.Hit> hits) {
        var key = stems(query, true);
        var queryWords = stems(query, false);
        for (var hit : hits) {
            if (covers(key, hit) && informative(hit.snippet(), queryWords)) {
                return Optional.of(hit);
            }
        }
        return Optional.empty();
    }

    private static boolean covers(Set<String> key, SearchReport.Hit hit) {
        if (key.isEmpty()) {
            return true;
        }
        var text = stems(hit.title() + " " + hit.snippet(), false);
        long found = key.stream().filter(text::contains).count();
        return found >= Math.ceil(key.size() * MIN_COVERAGE);
    }

    /** The snippet holds a number or a name that the query does not. */
    private static boolean informative(String snippet, Set<String> queryWords) {
        var m = FACT.matcher(snippet);
        while (m.find()) {
            int end = m.end();
            while (end < snippet.length() && Character.isLetterOrDigit(snippet.charAt(end))) {
                end++;
            }
            int start = m.start();
            while (start > 0 && Character.isLetterOrDigit(snippet.charAt(start - 1))) {
                start--;
            }
            if (!queryWords.contains(stem(Words.lower(snippet.substring(start, end))))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> stems(String text, boolean keyOnly) {
        return WORD.matcher(Words.lower(text)).results().map(MatchResult::group)
                .filter(w -> !keyOnly || !STOP.contains(w))
                .map(SearchRelevance::stem)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static String stem(String word) {
        return word.length() > STEM ? word.substring(0, STEM) : word;
    }
}
