package dev.mainstay.sim.brain;

import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the days a weather question is about from day words: "today", "tonight", "right now", "tomorrow
 * (morning)", "the day after tomorrow", "in 3 days", "on Friday", "this weekend", "the next five days", "the
 * coming days", "this week". The first day word that names a window wins, longest phrases first.
 */
final class DayWords {
    private static final String N = "(\\d{1,3}|" + String.join("|", NumberWords.SMALL) + ")";
    private static final Pattern DAY_AFTER_TOMORROW = Words.pattern("\\bday\\s+after\\s+tomorrow\\b|\\bovermorrow\\b");
    private static final Pattern TOMORROW = Words.pattern("\\btomorrow(?:'s|’s)?\\b|\\btmrw?\\b|\\btomoz\\b");
    private static final Pattern IN_DAYS = Words.pattern("\\bin\\s+" + N + "\\s+days?(?:['’]?\\s+time)?\\b");
    private static final Pattern WEEKEND = Words.pattern("\\bweekend\\b|\\bsaturday\\s+and\\s+sunday\\b");
    private static final Pattern WEEKDAY = Words.pattern(
            "\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?\\b");
    private static final Pattern NEXT_DAYS = Words.pattern(
            "\\b(?:next|coming|following|upcoming)\\s+" + N + "\\s+days?\\b|\\b" + N + "(?:\\s+|-)days?\\b");
    private static final Pattern FEW_DAYS = Words.pattern(
            "\\b(?:next|coming|following)\\s+(?:few|couple\\s+of)\\s+days\\b|\\bcoming\\s+days\\b");
    private static final Pattern WEEK = Words.pattern(
            "\\b(?:this|next|the|coming)\\s+week\\b|\\bweek\\s+ahead\\b|\\bweekly\\b|\\b(?:all|rest\\s+of\\s+the)\\s+week\\b");
    private static final Pattern TODAY = Words.pattern(
            "\\btoday(?:'s|’s)?\\b|\\btonight\\b|\\bthis\\s+(?:morning|afternoon|evening)\\b|\\bright\\s+now\\b|\\bnow\\b"
                    + "|\\bcurrently\\b|\\bat\\s+the\\s+moment\\b");

    private DayWords() {}

    /** The window the clause's day words name, if any. */
    static Optional<ForecastWindow> find(String clause) {
        if (DAY_AFTER_TOMORROW.matcher(clause).find()) {
            return Optional.of(new ForecastWindow.Ahead(2));
        }
        if (TOMORROW.matcher(clause).find()) {
            return Optional.of(TODAY.matcher(clause).find() ? new ForecastWindow.Span(2) : new ForecastWindow.Ahead(1));
        }
        Matcher in = IN_DAYS.matcher(clause);
        if (in.find()) {
            var n = count(in.group(1));
            if (n.isPresent()) {
                return Optional.of(n.getAsInt() == 0 ? ForecastWindow.TODAY
                        : new ForecastWindow.Ahead(Math.min(ForecastWindow.MAX_DAYS - 1, n.getAsInt())));
            }
        }
        if (WEEKEND.matcher(clause).find()) {
            return Optional.of(new ForecastWindow.Weekend());
        }
        Matcher weekday = WEEKDAY.matcher(clause);
        if (weekday.find()) {
            return Optional.of(new ForecastWindow.Weekday(DayOfWeek.valueOf(weekday.group(1).toUpperCase(Locale.ROOT))));
        }
        Matcher next = NEXT_DAYS.matcher(clause);
        if (next.find()) {
            var n = count(next.group(1) != null ? next.group(1) : next.group(2));
            if (n.isPresent()) {
                return Optional.of(new ForecastWindow.Span(Math.clamp(n.getAsInt(), 1, ForecastWindow.MAX_DAYS)));
            }
        }
        if (FEW_DAYS.matcher(clause).find()) {
            return Optional.of(new ForecastWindow.Span(3));
        }
        if (WEEK.matcher(clause).find()) {
            return Optional.of(new ForecastWindow.Span(ForecastWindow.MAX_DAYS));
        }
        return TODAY.matcher(clause).find() ? Optional.of(ForecastWindow.TODAY) : Optional.empty();
    }

    private static OptionalInt count(String word) {
        var lower = Words.lower(word);
        if (lower.chars().allMatch(Character::isDigit)) {
            return OptionalInt.of(Integer.parseInt(lower.length() > 2 ? "99" : lower));
        }
        int index = NumberWords.SMALL.indexOf(lower);
        return index >= 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }
}
