package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a user message into intents in textual order. The message is cut into clauses at sentence ends and
 * conjunctions ("…, and what's the weather…", "… and save a note…"); each clause yields the intent whose trigger
 * comes first in it. A clause that asks for nothing extends the intent before it ("search for salt" + "and pepper")
 * unless it opens a new thought ("and should I take an umbrella?").
 */
final class IntentParser {
    /** What a message asks for: tool intents in order, and questions to ask back where a request lacks detail. */
    record Parsed(List<Intent> intents, List<String> clarifications) {
        Parsed {
            intents = List.copyOf(intents);
            clarifications = List.copyOf(clarifications);
        }
    }

    static final String WHICH_PLACE = "Which place should I check the weather for?";

    private static final Pattern SEPARATOR = Words.pattern(
            "(?<!\\b(?:St|Mt|Dr|Mr|Mrs|Ms|Ft|vs|etc|e\\.g|i\\.e))[.!?;]+\\s+"
                    + "|,\\s*(?:and\\s+then|and\\s+also|and|then|also)\\s+"
                    + "|\\s+(?:and\\s+then|and\\s+also|and|then|also)\\s+"
                    + "|,\\s+(?=(?:what|what's|what’s|how|how's|is|are|will|search|look|find|google|save|remember|note|take"
                    + "|calculate|compute|list|read|show|check|get|tell)\\b)"
                    + "|\\n+");
    private static final Pattern NEW_THOUGHT = Words.pattern(
            "^(?:should|shall|can|could|would|will|is|are|do|does|did|tell|give|what|what's|how|why|when|where|who"
                    + "|please|let|i|i'm|me|thanks|thank|but|so|if|make|let's)\\b");
    private static final Pattern PLACE_ONLY = Pattern.compile("^\\p{Lu}[\\p{L}.'’ -]{0,60}$");

    private record Piece(String separator, String clause) {}

    private record Detected(int start, List<Intent> intents, boolean placeMissing) {}

    private IntentParser() {}

    static Parsed parse(String text) {
        var intents = new ArrayList<Intent>();
        var clarifications = new ArrayList<String>();
        for (var piece : split(text)) {
            var detected = detect(piece.clause());
            Intent last = intents.isEmpty() ? null : intents.getLast();
            if (detected.isEmpty()) {
                var clause = Words.trimEnd(piece.clause());
                if (last instanceof Intent.Weather weather && PLACE_ONLY.matcher(clause).matches()) {
                    intents.add(new Intent.Weather(clause, weather.days(), weather.focusDay()));
                } else if (last != null && !clause.isEmpty() && !NEW_THOUGHT.matcher(clause).find()) {
                    intents.set(intents.size() - 1, last.absorb(piece.separator(), piece.clause()));
                }
            } else if (detected.get().placeMissing()) {
                if (!(last instanceof Intent.Weather) && !clarifications.contains(WHICH_PLACE)) {
                    clarifications.add(WHICH_PLACE);
                }
            } else {
                intents.addAll(detected.get().intents());
            }
        }
        return new Parsed(intents, clarifications);
    }

    private static List<Piece> split(String text) {
        var pieces = new ArrayList<Piece>();
        var m = SEPARATOR.matcher(text);
        int from = 0;
        String separator = "";
        while (m.find()) {
            add(pieces, separator, text.substring(from, m.start()));
            separator = m.group();
            from = m.end();
        }
        add(pieces, separator, text.substring(from));
        return pieces;
    }

    private static void add(List<Piece> pieces, String separator, String clause) {
        if (!clause.isBlank()) {
            pieces.add(new Piece(separator, clause.strip()));
        }
    }

    /** The intent whose trigger comes first in the clause; on a tie notes, then search, weather, arithmetic. */
    private static Optional<Detected> detect(String clause) {
        var candidates = new ArrayList<Detected>();
        NotePhrases.find(clause).ifPresent(f -> candidates.add(new Detected(f.start(), List.of(f.intent()), false)));
        SearchPhrases.find(clause).ifPresent(f -> candidates.add(
                new Detected(f.start(), List.of(new Intent.Search(f.query())), false)));
        WeatherPhrases.find(clause).ifPresent(f -> candidates.add(new Detected(f.start(),
                f.location().<List<Intent>>map(place -> List.of(new Intent.Weather(place, f.days(), f.focusDay())))
                        .orElse(List.of()),
                f.location().isEmpty())));
        var arithmetic = ArithmeticPhrases.find(clause);
        if (!arithmetic.isEmpty()) {
            var rounding = ArithmeticPhrases.rounding(clause);
            var calculations = arithmetic.stream()
                    .<Intent>map(found -> new Intent.Calculate(rounding.isPresent()
                            ? ArithmeticPhrases.round(found.expression(), rounding.getAsInt())
                            : found.expression(), found.display()))
                    .toList();
            candidates.add(new Detected(arithmetic.getFirst().start(), calculations, false));
        }
        Detected first = null;
        for (var candidate : candidates) {
            if (first == null || candidate.start() < first.start()) {
                first = candidate;
            }
        }
        return Optional.ofNullable(first);
    }
}
