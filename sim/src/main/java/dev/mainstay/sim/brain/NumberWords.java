package dev.mainstay.sim.brain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers written as words: "seven", "twenty-five", "three hundred", "two thousand four hundred and ten" is not
 * supported ("and" separates requests), but "two thousand four hundred ten" is. Used by the arithmetic lexer, so
 * "twelve times seven" is arithmetic, and by the precision and forecast-day parsers ("to three places", "the next
 * five days").
 */
final class NumberWords {
    /** zero..twenty, indexed by value. */
    static final List<String> SMALL = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty");
    private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
            "eighty", "ninety");

    private static final String UNIT = "(?:" + String.join("|", SMALL.reversed()) + ")";
    private static final String TENS_WORD = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
    private static final String BELOW_HUNDRED = "(?:" + TENS_WORD + "(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine)\\b)?|"
            + UNIT + ")";
    private static final String BELOW_THOUSAND = "(?:" + BELOW_HUNDRED + "\\s+hundred(?:\\s+" + BELOW_HUNDRED + ")?|"
            + BELOW_HUNDRED + ")";
    /** A whole number in words up to the millions, at a word boundary. */
    static final Pattern NUMBER = Words.pattern("\\b(?:" + BELOW_THOUSAND + "\\s+(?:million|thousand)(?:\\s+"
            + BELOW_THOUSAND + ")?|" + BELOW_THOUSAND + ")\\b(?![-'’])");

    private NumberWords() {}

    /** The value of a number in words matched by {@link #NUMBER}, or empty when it is not one. */
    static Optional<Long> value(String words) {
        long total = 0;
        long group = 0;
        boolean any = false;
        for (var word : Words.lower(words.strip()).split("[\\s-]+")) {
            int small = SMALL.indexOf(word);
            int tens = TENS.indexOf(word);
            if (small >= 0) {
                group += small;
            } else if (tens >= 2) {
                group += tens * 10L;
            } else if (word.equals("hundred")) {
                group = Math.max(group, 1) * 100;
            } else if (word.equals("thousand") || word.equals("million")) {
                total += Math.max(group, 1) * (word.equals("thousand") ? 1_000L : 1_000_000L);
                group = 0;
            } else {
                return Optional.empty();
            }
            any = true;
        }
        return any ? Optional.of(total + group) : Optional.empty();
    }
}
