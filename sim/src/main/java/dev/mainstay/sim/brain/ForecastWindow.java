package dev.mainstay.sim.brain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The days a weather question is about ({@link DayWords} reads them from the user's words). The brain does not
 * know today's date, so it asks get_weather for enough days ({@link #days()}) and picks the days asked about from
 * the dates in the forecast ({@link #select}); the forecast's first day is today at the place.
 */
sealed interface ForecastWindow {
    ForecastWindow TODAY = new Today();

    /** Today, and now for the current conditions. */
    record Today() implements ForecastWindow {}

    /** One day, {@code offset} days from today (1 is tomorrow). */
    record Ahead(int offset) implements ForecastWindow {
        public Ahead {
            if (offset < 1 || offset > MAX_DAYS - 1) {
                throw new IllegalArgumentException("offset must be between 1 and " + (MAX_DAYS - 1) + ", but was " + offset);
            }
        }
    }

    /** The next Saturday and Sunday (today included). */
    record Weekend() implements ForecastWindow {}

    /** The next given day of the week (today included). */
    record Weekday(DayOfWeek day) implements ForecastWindow {}

    /** Every day from today, {@code count} days in all. */
    record Span(int count) implements ForecastWindow {
        public Span {
            if (count < 1 || count > MAX_DAYS) {
                throw new IllegalArgumentException("count must be between 1 and " + MAX_DAYS + ", but was " + count);
            }
        }
    }

    /** The weather tool's limit on forecast days. */
    int MAX_DAYS = 7;

    /** One forecast day picked for the answer: its index in the forecast and how the answer names it. */
    record Picked(int index, String label) {}

    /** How many forecast days to ask get_weather for, today included. */
    default int days() {
        return switch (this) {
            case Today ignored -> 1;
            case Ahead ahead -> ahead.offset() + 1;
            case Weekend ignored -> MAX_DAYS;
            case Weekday ignored -> MAX_DAYS;
            case Span span -> span.count();
        };
    }

    /** " for tomorrow", " for the weekend", "" for today: how the intro line names the days. */
    default String phrase() {
        return switch (this) {
            case Today ignored -> "";
            case Ahead ahead -> ahead.offset() == 1 ? " for tomorrow" : " for " + ahead.offset() + " days from now";
            case Weekend ignored -> " for the weekend";
            case Weekday weekday -> " for " + name(weekday.day());
            case Span span -> span.count() == 1 ? "" : " for the next " + span.count() + " days";
        };
    }

    /** This window and {@code other} together ("today and tomorrow" is a two-day span). */
    default ForecastWindow and(ForecastWindow other) {
        boolean fromToday = !(this instanceof Weekend || this instanceof Weekday || other instanceof Weekend
                || other instanceof Weekday);
        return fromToday && !equals(other) ? new Span(Math.max(days(), other.days())) : other;
    }

    /** The forecast days this window covers, given the dates of the forecast (today first; entries may be null). */
    default List<Picked> select(List<String> dates) {
        var picked = new ArrayList<Picked>();
        switch (this) {
            case Today ignored -> addIfPresent(picked, dates, 0);
            case Ahead ahead -> addIfPresent(picked, dates, ahead.offset());
            case Span span -> {
                for (int i = 0; i < Math.min(span.count(), dates.size()); i++) {
                    picked.add(new Picked(i, label(i, dates.get(i))));
                }
            }
            case Weekend ignored -> {
                for (int i = 0; i < dates.size(); i++) {
                    var day = weekday(dates.get(i));
                    boolean weekend = day.isPresent() && (day.get() == DayOfWeek.SATURDAY || day.get() == DayOfWeek.SUNDAY);
                    if (weekend && (picked.isEmpty() || picked.getLast().index() == i - 1)) {
                        picked.add(new Picked(i, label(i, dates.get(i))));
                    } else if (!picked.isEmpty()) {
                        break;
                    }
                }
            }
            case Weekday weekday -> {
                for (int i = 0; i < dates.size() && picked.isEmpty(); i++) {
                    if (weekday(dates.get(i)).filter(d -> d == weekday.day()).isPresent()) {
                        picked.add(new Picked(i, label(i, dates.get(i))));
                    }
                }
            }
        }
        return picked;
    }

    /** "Today", "Tomorrow", else the weekday ("Saturday"), or "Day 4" when the date is unreadable. */
    static String label(int index, String date) {
        if (index == 0) {
            return "Today";
        }
        if (index == 1) {
            return "Tomorrow";
        }
        return weekday(date).map(ForecastWindow::name).orElse("Day " + (index + 1));
    }

    static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static void addIfPresent(List<Picked> picked, List<String> dates, int index) {
        if (index < dates.size()) {
            picked.add(new Picked(index, label(index, dates.get(index))));
        }
    }

    private static Optional<DayOfWeek> weekday(String date) {
        if (date == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(date.length() >= 10 ? date.substring(0, 10) : date).getDayOfWeek());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
