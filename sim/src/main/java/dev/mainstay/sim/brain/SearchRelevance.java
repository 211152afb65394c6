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
 *   <li>its title and snippet mention at least half of the query's key words (stop words, question words and
 *       words such as "latest" or "news" left out; words compared by their first five letters, so "invented"
 *       matches "invention" and "land" matches "landed"), and</li>
 *   <li>its snippet says something the query did not: a number or a name (a capitalised word inside a sentence)
 *       that is not in the query. Pages that only echo the query ("An overview of X: background, key facts…")
 *       carry neither.</li>
 * </ul>
 * Common synonyms count ("tallest" and "highest", "world" and "Earth"). Of the hits that answer, the one covering
 * the most key words is the finding, the higher ranked on a tie.
 */
final class SearchRelevance {
    static final double MIN_COVERAGE = 0.5;
    private static final int STEM = 5;
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "in", "on", "for", "is", "are", "was",
            "were", "what", "what's", "who", "whom", "which", "how", "when", "where", "why", "to", "and", "or", "does",
            "do", "did", "me", "tell", "about", "find", "out", "search", "look", "up", "by", "with", "at", "from", "it",
            "its", "s", "be", "been", "there", "that", "this", "these", "those", "much", "many", "please", "can",
            "could", "you", "i", "my", "web", "online", "information", "info", "details", "some", "any", "latest",
            "recent", "news", "breaking", "headlines", "today", "current", "currently", "now");
    /** Words a question and its answer commonly use for the same thing. */
    private static final List<Set<String>> SYNONYMS = List.of(
            Set.of("tallest", "highest", "height", "tall", "high"),
            Set.of("biggest", "largest", "big", "large", "size"),
            Set.of("world", "earth", "globe"),
            Set.of("wrote", "written", "writer", "author"),
            Set.of("won", "winner", "winners", "champion", "champions", "victory"),
            Set.of("painted", "painter", "painting", "portrait"),
            Set.of("far", "distance", "away"),
            Set.of("fast", "speed", "quick"),
            Set.of("long", "length", "longest"),
            Set.of("old", "age", "founded", "built", "completed"),
            Set.of("people", "population", "inhabitants", "residents", "populous"));
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern FACT = Pattern.compile("\\p{N}|(?<=[\\p{L},;:)]\\s)\\p{Lu}\\p{L}*");

    private SearchRelevance() {}

    /** The hit that answers {@code query} best, if any: the most key words covered, then the higher rank. */
    static Optional<SearchReport.Hit> answer(String query, List<SearchReport.Hit> hits) {
        var key = words(query, true);
        var queryWords = words(query, false);
        SearchReport.Hit best = null;
        long bestCovered = -1;
        for (var hit : hits) {
            long covered = covered(key, hit);
            if (covered >= Math.ceil(key.size() * MIN_COVERAGE) && covered > bestCovered
                    && informative(hit.snippet(), queryWords)) {
                best = hit;
                bestCovered = covered;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long covered(Set<String> key, SearchReport.Hit hit) {
        var text = words(hit.title() + " " + hit.snippet(), false);
        return key.stream().filter(k -> text.stream().anyMatch(w -> sameWord(k, w) || synonyms(k, w))).count();
    }

    private static boolean synonyms(String a, String b) {
        for (var group : SYNONYMS) {
            if (group.stream().anyMatch(w -> sameWord(w, a)) && group.stream().anyMatch(w -> sameWord(w, b))) {
                return true;
            }
        }
        return false;
    }

    /** Equal, or sharing a start of at least five letters, or four for a four-letter word ("land", "landed"). */
    static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int shorter = Math.min(a.length(), b.length());
        if (shorter < 4) {
            return false;
        }
        int need = Math.min(STEM, shorter);
        return a.regionMatches(0, b, 0, need);
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
            var fact = Words.lower(snippet.substring(start, end));
            if (queryWords.stream().noneMatch(q -> sameWord(q, fact))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> words(String text, boolean keyOnly) {
        return WORD.matcher(Words.lower(text)).results().map(MatchResult::group)
                .filter(w -> !keyOnly || !STOP.contains(w))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
