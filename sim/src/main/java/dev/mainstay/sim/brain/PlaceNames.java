package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the place a weather question is about. Candidates, best first:
 * <ol>
 *   <li>a capitalised run of words after "in", "for", "at", "near", "around", "to" or "across" ("in Toronto",
 *       "to New York", "in the Netherlands", "Lisbon, Portugal" stays whole);</li>
 *   <li>capitalised words right before the weather word ("Lisbon weather", "Oslo's forecast");</li>
 *   <li>any other capitalised run that is not an English word ("Toronto tomorrow: coat or no coat?");</li>
 *   <li>a lower-case run after "in", "at", "near", "around" or "for" that is not all English words ("weather in
 *       lisbon", "in st. petersburg").</li>
 * </ol>
 * A run stops at punctuation and at words that cannot be part of a place (times, gear, verbs: "in Oslo tomorrow").
 */
final class PlaceNames {
    static final int MAX_LOCATION = 100;

    private static final Pattern PREPOSITION = Words.pattern("\\b(?:in|for|at|near|around|to|across)\\s+");
    private static final Set<String> LOWER_CASE_PREPOSITIONS = Set.of("in", "for", "at", "near", "around");

    /** Words that end a place name or cannot start one. */
    private static final Set<String> STOP = Set.of("and", "or", "but", "today", "tonight", "tomorrow", "now", "right",
            "currently", "this", "next", "later", "on", "over", "during", "please", "should", "will", "would", "could",
            "can", "do", "does", "is", "are", "was", "be", "at", "in", "for", "with", "like", "weekend", "morning",
            "afternoon", "evening", "night", "week", "days", "day", "time", "a", "an", "my", "me", "us", "you", "it",
            "i", "we", "if", "so", "then", "to", "the", "when", "what", "whether", "how", "take", "bring", "need",
            "weather", "forecast", "temperature", "umbrella", "coming", "moment", "wear", "pack", "go", "going",
            "there", "here", "outside", "out", "trip", "holiday", "vacation", "work", "office", "home", "school",
            "beach", "park", "garden", "coat", "jacket", "sunscreen", "sunglasses", "sweater", "raincoat", "shorts",
            "gloves", "scarf", "rain", "snow", "sun", "cold", "hot", "warm", "sunny", "windy", "tomorrow's",
            "today's", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "current", "also", "too", "again", "either", "there's", "it's", "get", "getting", "stay", "staying");

    private PlaceNames() {}

    /** The place a weather clause names, if any; {@code triggerStart} is where its first weather word starts. */
    static Optional<String> find(String clause, int triggerStart) {
        var afterPrepositions = afterPrepositions(clause);
        return afterPrepositions.stream().filter(Candidate::capitalised).map(Candidate::place).findFirst()
                .or(() -> triggerStart > 0 ? beforeTrigger(clause, triggerStart) : Optional.empty())
                .or(() -> capitalisedAnywhere(clause))
                .or(() -> afterPrepositions.stream().filter(c -> !c.capitalised() && c.lowerCaseAllowed())
                        .map(Candidate::place).filter(PlaceNames::notAllEnglish).findFirst());
    }

    /** A place a clause mentions outright ("I'm in Paris", "in Paris"), capitalised, for a question asked apart. */
    static Optional<String> mentioned(String clause) {
        return afterPrepositions(clause).stream().filter(Candidate::capitalised).map(Candidate::place).findFirst();
    }

    /** The place that makes up the start of a clause ("Bergen", "London this weekend"), if it starts with one. */
    static Optional<String> leading(String clause) {
        var text = clause.strip();
        if (text.isEmpty() || !Character.isUpperCase(text.codePointAt(0))) {
            return Optional.empty();
        }
        return placeAt(text, 0).filter(PlaceNames::notAllEnglish).map(PlaceNames::tidy);
    }

    private record Candidate(String place, boolean capitalised, boolean lowerCaseAllowed) {}

    private static List<Candidate> afterPrepositions(String clause) {
        var candidates = new ArrayList<Candidate>();
        var m = PREPOSITION.matcher(clause);
        while (m.find()) {
            var preposition = Words.lower(m.group().strip());
            placeAt(clause, m.end()).ifPresent(raw -> candidates.add(new Candidate(tidy(raw), isCapitalised(raw),
                    LOWER_CASE_PREPOSITIONS.contains(preposition))));
        }
        return candidates;
    }

    /**
     * Reads a place name from {@code from}, as written: words up to a stop word or punctuation; "Lisbon, Portugal"
     * stays whole.
     */
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
                word = word.replaceAll("[.,]+$", "").replaceAll("['’]s$", "");
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
        return Optional.of(place);
    }

    /** "Lisbon weather", "New York forecast": capitalised words right before the trigger word. */
    private static Optional<String> beforeTrigger(String clause, int triggerStart) {
        var before = clause.substring(0, triggerStart).strip().split("\\s+");
        var words = new ArrayList<String>();
        for (int i = before.length - 1; i >= 0; i--) {
            var word = before[i].replaceAll("['’]s$", "");
            var lower = Words.lower(word);
            if (word.isEmpty() || !isCapitalised(word) || EnglishWords.contains(lower) || STOP.contains(lower)
                    || !word.matches("[\\p{L}.'’-]+")) {
                break;
            }
            words.addFirst(word);
        }
        var place = String.join(" ", words);
        return place.isEmpty() || place.length() > MAX_LOCATION ? Optional.empty() : Optional.of(place);
    }

    /** The first run of capitalised words that are not English words or stop words. */
    private static Optional<String> capitalisedAnywhere(String clause) {
        var tokens = clause.split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            var word = tokens[i].replaceAll("^[\"“(]+|[?!.,;:)\"”]+$", "").replaceAll("['’]s$", "");
            var lower = Words.lower(word);
            if (isCapitalised(word) && word.matches("[\\p{L}.'’-]+") && !EnglishWords.contains(lower)
                    && !STOP.contains(lower) && !ForeignWords.contains(lower)) {
                return placeAt(String.join(" ", List.of(tokens).subList(i, tokens.length)), 0).map(PlaceNames::tidy);
            }
        }
        return Optional.empty();
    }

    private static boolean notAllEnglish(String place) {
        for (var word : Words.lower(place).split("[\\s,]+")) {
            if (!EnglishWords.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Capitalises an all-lowercase place ("new york" → "New York"); keeps the user's casing otherwise. */
    private static String tidy(String place) {
        if (!place.equals(place.toLowerCase(Locale.ROOT))) {
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
