package dev.mainstay.sim.world;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text folding for matching: lower case, accents removed, punctuation as spaces ("São Paulo" ≡ "sao paulo"). */
final class Fold {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Fold() {}

    static String fold(String text) {
        var decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        var plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return NON_WORD.matcher(plain).replaceAll(" ").strip();
    }

    /** Mixes values into one well-spread 64-bit number (SplitMix64's finaliser), for seeding per-input randomness. */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long value : values) {
            h ^= value;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
        }
        return h;
    }

    static long hash(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return mix(h);
    }
}
