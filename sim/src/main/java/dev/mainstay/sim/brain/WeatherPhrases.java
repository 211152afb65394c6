package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises questions about the weather and pulls out the place and the days asked about. The place is the first
 * run of words after "in", "for", "at" or "near" that is not a time ("tomorrow", "the next 3 days") and stops at
 * punctuation or a word that ends a place name ("and", "today", "right now"); "Lisbon weather" works too.
 */
final class WeatherPhrases {
    private static final Pattern TRIGGER = Words.pattern(
            "\\b(?:weather|forecast|temperatures?|rain(?:ing|y|s)?|snow(?:ing|y|s)?|sunny|umbrella|humid(?:ity)?|windy"
                    + "|(?:is\\s+it|will\\s+it\\s+be|how)\\s+(?:hot|cold|warm|chilly))\\b");
    private static final Pattern PREPOSITION = Words.pattern("\\b(?:in|for|at|near|around)\\s+");
    private static final Pattern TOMORROW = Words.pattern("\\btomorrow\\b");
    private static final Pattern NEXT_DAYS = Words.pattern(
            "\\b(\\d+|two|three|four|five|six|seven)(?:\\s+|-)days?\\b");
    private static final Pattern WEEK = Words.pattern("\\b(?:this|next|the|coming)\\s+(?:week|weekend)\\b|\\bweek\\s+ahead\\b");
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven");

    /** Words that end a place name or cannot start one. */
    private static final Set<String> STOP = Set.of("and", "or", "but", "today", "tonight", "tomorrow", "now", "right",
            "currently", "this", "next", "later", "on", "over", "during", "please", "should", "will", "would", "could",
            "can", "do", "does", "is", "are", "was", "be", "at", "in", "for", "with", "like", "weekend", "morning",
            "afternoon", "evening", "night", "week", "days", "day", "time", "a", "an", "my", "me", "us", "you", "it",
            "i", "we", "if", "so", "then", "to", "the", "when", "what", "whether", "how", "take", "bring", "need",
            "weather", "forecast", "temperature", "umbrella", "coming", "moment");
    private static final Set<String> QUESTION_WORDS = Set.of("what", "what's", "whats", "how", "how's", "hows", "is",
            "will", "does", "do", "the", "show", "get", "tell", "check", "give", "today's", "tomorrow's", "current");
    private static final int MAX_LOCATION = 100;

    /** A weather question; {@code location} is empty when the text names no place. */
    record Found(int start, Optional<String> location, int days, int focusDay) {}

    private WeatherPhrases() {}

    static Optional<Found> find(String clause) {
        Matcher trigger = TRIGGER.matcher(clause);
        if (!trigger.find()) {
            return Optional.empty();
        }
        var location = afterPreposition(clause).or(() -> beforeTrigger(clause, trigger.start()));
        if (TOMORROW.matcher(clause).find()) {
            return Optional.of(new Found(trigger.start(), location, 2, 1));
        }
        var days = forecastDays(clause);
        if (days.isPresent()) {
            return Optional.of(new Found(trigger.start(), location, days.getAsInt(), -1));
        }
        return Optional.of(new Found(trigger.start(), location, 1, 0));
    }

    private static OptionalInt forecastDays(String clause) {
        Matcher days = NEXT_DAYS.matcher(clause);
        if (days.find()) {
            var word = Words.lower(days.group(1));
            int index = NUMBER_WORDS.indexOf(word);
            int value = index >= 0 ? index : Integer.parseInt(word.length() > 2 ? "7" : word);
            return OptionalInt.of(Math.max(1, Math.min(7, value)));
        }
        return WEEK.matcher(clause).find() ? OptionalInt.of(7) : OptionalInt.empty();
    }

    private static Optional<String> afterPreposition(String clause) {
        Matcher m = PREPOSITION.matcher(clause);
        while (m.find()) {
            var place = placeAt(clause, m.end());
            if (place.isPresent()) {
                return place;
            }
        }
        return Optional.empty();
    }

    /** Reads a place name from {@code from}: words up to a stop word or punctuation; "Lisbon, Portugal" stays whole. */
    private static Optional<String> placeAt(String clause, int from) {
        var words = new ArrayList<String>();
        var tokens = clause.substring(from).split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            var raw = tokens[i];
            var word = raw.replaceAll("[?!;:()\"“”]+$", "");
            boolean abbreviation = word.matches("(?i)(?:st|mt|ft)\\.");
            boolean endsWithComma = word.endsWith(",");
            boolean endsSentence = word.endsWith(".") && !abbreviation;
            if (!abbreviation) {
                word = word.replaceAll("[.,]+$", "");
            }
            var lower = Words.lower(word);
            if (word.isEmpty() || !Character.isLetter(word.codePointAt(0))) {
                break;
            }
            if (words.isEmpty() && lower.equals("the") && !isCapitalised(word) && raw.equals(word)) {
                continue; // "in the Netherlands"
            }
            if (STOP.contains(lower) && !(words.isEmpty() && lower.equals("the"))) {
                break;
            }
            words.add(word);
            if (!raw.equals(word) && !endsWithComma || endsSentence) {
                break;
            }
            if (endsWithComma) {
                var following = i + 1 < tokens.length ? tokens[i + 1].replaceAll("[?!.,;:]+$", "") : "";
                if (following.isEmpty() || !isCapitalised(following) || STOP.contains(Words.lower(following))) {
                    break;
                }
                words.set(words.size() - 1, word + ",");
            }
        }
        var place = String.join(" ", words).strip();
        if (place.isEmpty() || place.length() > MAX_LOCATION) {
            return Optional.empty();
        }
        return Optional.of(tidy(place));
    }

    /** "Lisbon weather", "New York forecast": capitalised words right before the trigger word. */
    private static Optional<String> beforeTrigger(String clause, int triggerStart) {
        var before = clause.substring(0, triggerStart).strip().split("\\s+");
        var words = new ArrayList<String>();
        for (int i = before.length - 1; i >= 0; i--) {
            var word = before[i];
            if (word.isEmpty() || !isCapitalised(word) || QUESTION_WORDS.contains(Words.lower(word))
                    || !word.matches("[\\p{L}.'’-]+")) {
                break;
            }
            words.addFirst(word.replaceAll("['’]s$", ""));
        }
        var place = String.join(" ", words);
        return place.isEmpty() || place.length() > MAX_LOCATION ? Optional.empty() : Optional.of(place);
    }

    /** Capitalises an all-lowercase place ("new york" → "New York"); keeps the user's casing otherwise. */
    private static String tidy(String place) {
        if (!place.equals(Words.lower(place))) {
            return place;
        }
        var words = place.split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = Words.capitalise(words[i]);
        }
        return String.join(" ", words);
    }

    private static boolean isCapitalised(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0));
    }
}
