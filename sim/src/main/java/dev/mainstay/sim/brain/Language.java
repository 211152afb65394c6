package dev.mainstay.sim.brain;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells whether a message is English, the only language the scripted model understands. Two signals, both cheap
 * and deterministic:
 * <ul>
 *   <li>script: a message whose letters are mostly outside the Latin script (Cyrillic, Greek, Arabic, Hebrew, CJK,
 *       Devanagari…) is not English;</li>
 *   <li>words: each word found in {@link EnglishWords} counts for English, each found in {@link ForeignWords} for
 *       another language (words in both, and words shared with German such as "was" and "die", count for
 *       neither). A message is not English when foreign words outnumber English ones and there are at least two of
 *       them, or it consists of one foreign word ("Bonjour").</li>
 * </ul>
 * Unknown words (names, numbers, typos) count for neither, so "Lisbon weather" and "sqrt(2) to 10 places" are
 * English, and an English question about "São Paulo" or "Rio de Janeiro" stays English.
 */
final class Language {
    /** The whole answer to a message in another language. */
    static final String ENGLISH_ONLY = "Sorry — this simulator understands English only; please ask in English.";

    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
    /** Words common in English and in another language alike ("Was ist…", "die Jacke"): no evidence either way. */
    private static final Set<String> SHARED = Set.of("was", "die", "will", "also", "so", "hat", "man", "war", "son",
            "tag", "note", "such", "fin", "come", "pour", "plus", "warm", "in", "an", "am", "a", "me", "no", "is");

    private Language() {}

    static boolean isEnglish(String text) {
        if (mostlyNonLatin(text)) {
            return false;
        }
        int english = 0;
        int foreign = 0;
        var words = WORD.matcher(text);
        while (words.find()) {
            var word = Words.lower(words.group()).replace('’', '\'');
            if (SHARED.contains(word)) {
                continue;
            }
            boolean inEnglish = inEnglish(word);
            boolean inForeign = ForeignWords.contains(word);
            if (inEnglish && !inForeign) {
                english++;
            } else if (inForeign && !inEnglish) {
                foreign++;
            }
        }
        return !(foreign > english && foreign >= Math.min(2, english + foreign));
    }

    /** The word, or its stem without an English suffix ("raining", "what's", "notes"), is English. */
    private static boolean inEnglish(String word) {
        if (EnglishWords.contains(word)) {
            return true;
        }
        for (var suffix : new String[] {"'s", "'re", "'ll", "'ve", "'d", "n't", "ing", "ed", "s", "es", "ly"}) {
            if (word.endsWith(suffix) && word.length() > suffix.length() + 2
                    && EnglishWords.contains(word.substring(0, word.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mostlyNonLatin(String text) {
        int latin = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                latin++;
            } else {
                other++;
            }
        }
        return other > latin;
    }
}
