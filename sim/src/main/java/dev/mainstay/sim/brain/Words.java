package dev.mainstay.sim.brain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small text helpers shared by the phrase parsers and the answer writer. */
final class Words {
    /** Flags every phrase pattern uses: case-insensitive and Unicode-aware, so "São Paulo" is one word. */
    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private static final Pattern TRAILING = Pattern.compile("[\\s.,;:!?…]+$");
    private static final Pattern QUOTES = Pattern.compile("^[\"'“”‘’`]+|[\"'“”‘’`]+$");

    private Words() {}

    static Pattern pattern(String regex) {
        return Pattern.compile(regex, FLAGS);
    }

    /** Trims whitespace and trailing punctuation. */
    static String trimEnd(String text) {
        return TRAILING.matcher(text.strip()).replaceAll("").strip();
    }

    /** Trims whitespace, trailing punctuation and surrounding quotes. */
    static String clean(String text) {
        var trimmed = trimEnd(text);
        return QUOTES.matcher(trimmed).replaceAll("").strip();
    }

    static String capitalise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(text.substring(Character.charCount(first))).toString();
    }

    /** "a", "a and b", "a, b and c". */
    static String joinAnd(List<String> parts) {
        return switch (parts.size()) {
            case 0 -> "";
            case 1 -> parts.getFirst();
            default -> String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
        };
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** At most {@code max} characters, ending in an ellipsis when cut; never splits a surrogate pair. */
    static String excerpt(String text, int max) {
        var flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end) + "…";
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
