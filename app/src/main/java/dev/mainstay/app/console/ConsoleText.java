package dev.mainstay.app.console;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.Map;

/**
 * Renders text for a console whose charset cannot show every character: each character the charset cannot encode
 * becomes its usual ASCII spelling ({@code →} as {@code ->}, {@code 18°C} as {@code 18 C}, box lines as dashes,
 * accented letters without their accents), and {@code ?} only when there is none. Not thread-safe (the encoder
 * is stateful): one instance per stream, used under the stream's lock.
 */
final class ConsoleText {
    private static final Map<Character, String> ASCII = Map.ofEntries(
            Map.entry('°', " deg"), Map.entry('→', "->"), Map.entry('←', "<-"), Map.entry('⇒', "=>"),
            Map.entry('↑', "^"), Map.entry('↓', "v"), Map.entry('…', "..."), Map.entry('–', "-"),
            Map.entry('—', "-"), Map.entry('─', "-"), Map.entry('━', "-"), Map.entry('═', "="),
            Map.entry('│', "|"), Map.entry('┃', "|"), Map.entry('┌', "+"), Map.entry('┐', "+"),
            Map.entry('└', "+"), Map.entry('┘', "+"), Map.entry('├', "+"), Map.entry('┤', "+"),
            Map.entry('█', "#"), Map.entry('▌', "#"), Map.entry('░', "."), Map.entry('•', "*"),
            Map.entry('·', "."), Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('‚', ","),
            Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('„', "\""), Map.entry('×', "x"),
            Map.entry('÷', "/"), Map.entry('±', "+/-"), Map.entry('≈', "~"), Map.entry('≤', "<="),
            Map.entry('≥', ">="), Map.entry('≠', "!="), Map.entry('€', "EUR"), Map.entry('£', "GBP"),
            Map.entry('¥', "JPY"), Map.entry('µ', "u"), Map.entry('ß', "ss"), Map.entry('æ', "ae"),
            Map.entry('Æ', "AE"), Map.entry('ø', "o"), Map.entry('Ø', "O"), Map.entry('œ', "oe"),
            Map.entry('\u00A0', " "), Map.entry('✓', "v"), Map.entry('✗', "x"), Map.entry('⚠', "!"));

    private final CharsetEncoder encoder;

    ConsoleText(Charset charset) {
        this.encoder = charset.newEncoder();
    }

    /** {@code text} with every character the charset cannot encode replaced by an ASCII spelling. */
    String render(String text) {
        if (text == null || encoder.canEncode(text)) {
            return text;
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (encoder.canEncode(c)) {
                out.append(c);
            } else if (c == '°' && i + 1 < text.length() && "CFK".indexOf(text.charAt(i + 1)) >= 0) {
                out.append(' '); // 18°C reads as 18 C
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                out.append('?');
                i++;
            } else {
                out.append(spell(c));
            }
        }
        return out.toString();
    }

    private static String spell(char c) {
        var known = ASCII.get(c);
        if (known != null) {
            return known;
        }
        var stripped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.chars().allMatch(ch -> ch < 128) && !stripped.isEmpty() ? stripped : "?";
    }
}
