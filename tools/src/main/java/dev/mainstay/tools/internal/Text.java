package dev.mainstay.tools.internal;

import java.util.regex.Pattern;

/** Small text helpers for untrusted strings: bounded length, no markup, no control characters. */
public final class Text {
    private static final Pattern TAG = Pattern.compile("<[^>]{0,500}>");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Text() {}

    /** Length in Unicode code points. */
    public static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** At most {@code max} code points; a cut string ends with "…" (counted in the limit). */
    public static String truncate(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        if (text.length() <= max || codePoints(text) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end) + "…";
    }

    /**
     * Plain one-paragraph text from a search snippet: HTML tags removed, the common entities decoded, control
     * characters dropped and whitespace collapsed.
     */
    public static String plain(String text) {
        var noTags = TAG.matcher(text).replaceAll("");
        var decoded = noTags.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
        var clean = CONTROL.matcher(decoded).replaceAll("");
        return WHITESPACE.matcher(clean).replaceAll(" ").strip();
    }
}
