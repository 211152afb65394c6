package dev.mainstay.sim.brain;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Derives short note titles from text and matches a loose title against the titles a conversation has seen. */
final class NoteTitles {
    static final int MAX_TITLE = 200;
    private static final int TITLE_WORDS = 8;
    private static final int TITLE_CHARS = 60;
    private static final Pattern LEADING = Words.pattern("^(?:(?:that|the|a|an|my|to|about|me|i\\s+should)\\s+)+");
    private static final Pattern TRAILING_MINOR = Words.pattern(
            "(?:\\s+(?:the|a|an|my|of|in|on|at|for|to|and|or|with|by|from|is|was))+$");
    private static final Set<String> MINOR = Set.of("the", "a", "an", "my", "of", "in", "on", "for", "to", "and", "is",
            "about", "what", "that", "note", "notes");

    private NoteTitles() {}

    /**
     * "my locker code is 4512" → "Locker code is 4512": at most eight words, no leading filler nor trailing
     * function words, capitalised.
     */
    static String fromText(String text) {
        var stripped = LEADING.matcher(Words.clean(text)).replaceFirst("");
        var words = stripped.isEmpty() ? Words.clean(text).split("\\s+") : stripped.split("\\s+");
        var title = String.join(" ", Arrays.asList(words).subList(0, Math.min(TITLE_WORDS, words.length)));
        if (title.length() > TITLE_CHARS) {
            title = title.substring(0, TITLE_CHARS);
        }
        title = TRAILING_MINOR.matcher(Words.trimEnd(title)).replaceFirst("");
        return title.isEmpty() ? "Note" : Words.capitalise(title);
    }

    /** An explicit title as the user wrote it, unquoted and within the tool's limit. */
    static String explicit(String text) {
        var title = Words.clean(text);
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE).strip() : title;
    }

    /** The known title sharing the most words with {@code wanted} (at least one), if any. */
    static Optional<String> bestMatch(String wanted, List<String> known) {
        var want = significantWords(wanted);
        String best = null;
        int bestScore = 0;
        for (var title : known) {
            if (title.equalsIgnoreCase(wanted)) {
                return Optional.of(title);
            }
            var words = significantWords(title);
            words.retainAll(want);
            if (words.size() > bestScore) {
                best = title;
                bestScore = words.size();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Set<String> significantWords(String text) {
        return Arrays.stream(Words.lower(text).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty() && !MINOR.contains(w))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
