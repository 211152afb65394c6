package dev.mainstay.sim.brain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The precision a user asks for in words, and how to ask the calculator for it. Decimal places cover "to 10
 * places", "to 3 decimal places", "2 dp", "with four decimals", "to 5 digits after the point", "to the nearest
 * tenth / hundredth / thousandth", "to the nearest cent", "to the nearest whole number / integer / dollar", "to the
 * nearest ten / hundred / thousand" (negative places), "to the nearest 0.01", "as an integer" and a bare "rounded"
 * (a whole number). Significant figures
 * cover "3 significant figures", "4 sig figs", "3 s.f.", "to 3 significant digits".
 *
 * @param significant true for significant figures, false for decimal places
 * @param digits decimal places (negative rounds to tens, hundreds…) or significant figures (at least 1)
 * @param wording how the answer says it, e.g. "to 10 decimal places", "to the nearest cent"
 */
record Precision(boolean significant, int digits, String wording) {
    /** The calculator keeps at most this many places of an outermost ROUND (see the calculator tool). */
    static final int MAX_PLACES = 20;
    static final int MAX_SIGNIFICANT = 30;

    private static final String NUMBER = "(\\d{1,3}|" + String.join("|", NumberWords.SMALL) + "|a\\s+single|a|one)";
    private static final Pattern SIGNIFICANT = Words.pattern(
            "\\b" + NUMBER + "\\s+(?:significant\\s+(?:figures?|digits?)|sig\\.?\\s*figs?|s\\.\\s?f\\.?(?=\\s|$|[,;)?!]))");
    private static final Pattern PLACES = Words.pattern(
            "\\b" + NUMBER + "(?:\\s+|-)(?:decimal\\s+places?|decimal\\s+digits?|decimals?|dp\\b|d\\.p\\.|places?\\b"
                    + "|digits?\\s+after\\s+the\\s+(?:decimal\\s+)?(?:point|comma))"
                    + "|\\bto\\s+" + NUMBER + "\\s+digits?\\b");
    private static final Pattern NEAREST = Words.pattern(
            "(?:\\bround\\w*\\b[^.?!]{0,30}?\\b|\\bnearest\\s+|\\bto\\s+the\\s+|\\bin\\s+(?=whole|cents|pennies|pence))"
                    + "(?<unit>ten[-\\s]thousandths?|thousandths?|hundredths?|tenths?|cents?|pennies|penny|pence"
                    + "|whole(?:\\s+numbers?)?|integers?|units?|ones|dollars?|euros?|pounds?|tens|ten|hundreds?|thousands?"
                    + "|millions?)\\b");
    /** "to the nearest 0.01", "nearest 100": a power of ten. */
    private static final Pattern NEAREST_STEP = Words.pattern("\\bnearest\\s+(0?\\.0*1|10*)(?![\\d.])");
    private static final Pattern ROUNDED = Words.pattern("\\bround(?:ed|ing)?\\b|\\bno\\s+decimals\\b|\\bwithout\\s+decimals\\b"
            + "|\\bas\\s+(?:a\\s+whole\\s+number|an\\s+integer)\\b");

    private static final List<String> ORDINAL_UNITS = List.of("tenth", "hundredth", "thousandth", "ten thousandth");

    Precision {
        if (significant && digits < 1) {
            throw new IllegalArgumentException("significant figures must be at least 1, but was " + digits);
        }
    }

    /** The precision the text asks for, if it asks for one. */
    static Optional<Precision> find(String text) {
        Matcher significant = SIGNIFICANT.matcher(text);
        if (significant.find()) {
            int n = Math.max(1, Math.min(MAX_SIGNIFICANT, count(significant.group(1))));
            return Optional.of(new Precision(true, n, "to " + n + " significant figure" + (n == 1 ? "" : "s")));
        }
        Matcher places = PLACES.matcher(text);
        if (places.find()) {
            int n = Math.min(MAX_PLACES, count(places.group(1) != null ? places.group(1) : places.group(2)));
            return Optional.of(decimals(n));
        }
        Matcher step = NEAREST_STEP.matcher(text);
        if (step.find()) {
            var value = new BigDecimal(step.group(1));
            int scale = value.stripTrailingZeros().scale();
            return Optional.of(new Precision(false, Math.clamp(scale, -9, MAX_PLACES), "to the nearest " + step.group(1)));
        }
        Matcher nearest = NEAREST.matcher(text);
        if (nearest.find()) {
            return Optional.of(unit(Words.lower(nearest.group("unit")).replace('-', ' ')));
        }
        return ROUNDED.matcher(text).find() ? Optional.of(new Precision(false, 0, "rounded to a whole number"))
                : Optional.empty();
    }

    /**
     * {@code expression} rounded as asked, in the calculator's syntax. Significant figures become decimal places
     * from the value's estimated magnitude ({@code ROUND(1/7, 3)}); only when that cannot be estimated does the
     * calculator work them out ({@code ROUND(x, n-1-FLOOR(LOG10(ABS(x))))}).
     */
    String apply(String expression) {
        if (!significant) {
            return "ROUND(" + expression + ", " + digits + ")";
        }
        var magnitude = Magnitude.of(expression);
        if (magnitude.isPresent()) {
            return "ROUND(" + expression + ", " + Math.min(MAX_PLACES, digits - 1 - magnitude.getAsInt()) + ")";
        }
        return "ROUND(" + expression + ", " + (digits - 1) + "-FLOOR(LOG10(ABS(" + expression + "))))";
    }

    private static Precision decimals(int n) {
        return new Precision(false, n, n == 0 ? "rounded to a whole number"
                : "to " + n + " decimal place" + (n == 1 ? "" : "s"));
    }

    private static Precision unit(String unit) {
        var singular = unit.replaceAll("s$", "");
        int ordinal = ORDINAL_UNITS.indexOf(singular);
        if (ordinal >= 0) {
            return new Precision(false, ordinal + 1, "to the nearest " + singular);
        }
        return switch (singular) {
            case "cent" -> new Precision(false, 2, "to the nearest cent");
            case "pennie", "penny", "pence" -> new Precision(false, 2, "to the nearest penny");
            case "ten" -> new Precision(false, -1, "to the nearest ten");
            case "hundred" -> new Precision(false, -2, "to the nearest hundred");
            case "thousand" -> new Precision(false, -3, "to the nearest thousand");
            case "million" -> new Precision(false, -6, "to the nearest million");
            default -> new Precision(false, 0, "to the nearest whole number");
        };
    }

    private static int count(String word) {
        var lower = Words.lower(word).replaceAll("\\s+", " ");
        if (lower.equals("a") || lower.equals("a single") || lower.equals("one")) {
            return 1;
        }
        return lower.chars().allMatch(Character::isDigit) ? Integer.parseInt(lower) : NumberWords.SMALL.indexOf(lower);
    }
}
