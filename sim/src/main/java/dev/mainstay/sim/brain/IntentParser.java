package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a user message into intents in the order asked. The message is cut into clauses ({@link Clauses}); each
 * clause yields the request whose trigger comes first in it (notes, search, weather, arithmetic, in that order on a
 * tie). A clause that asks for nothing on its own is read in the light of the ones before it:
 * <ul>
 *   <li>a precision ("… and round it to 3 places") rounds the calculation before it;</li>
 *   <li>a place ("… in Oslo and Bergen") asks the weather question before it about that place too;</li>
 *   <li>a weather question without a place ("… and should I take an umbrella?") joins the weather question before
 *       it, or takes the place another clause mentions ("I'm in Paris");</li>
 *   <li>a factual question ("… and who won the 2018 World Cup?") is searched for;</li>
 *   <li>anything else extends the request before it ("search for salt" + "and pepper") unless it opens a new
 *       thought; a request no tool can carry out ("book a flight") is answered honestly.</li>
 * </ul>
 * A search whose query is really arithmetic or a weather question ("find out if it will rain in Paris") becomes
 * that request, and a note about a value still to be found ("jot down what 15% of 80 is") becomes the request for
 * the value followed by a note saving it.
 */
final class IntentParser {
    /**
     * What a message asks for: tool intents in order, questions to ask back where a request lacks detail, and
     * sentences about requests no tool can carry out.
     */
    record Parsed(List<Intent> intents, List<String> clarifications, List<String> unsupported) {
        Parsed {
            intents = List.copyOf(intents);
            clarifications = List.copyOf(clarifications);
            unsupported = List.copyOf(unsupported);
        }
    }

    static final String WHICH_PLACE = "Which place should I check the weather for?";

    private static final Pattern NEW_THOUGHT = Words.pattern(
            "^(?:should|shall|can|could|would|will|is|are|do|does|did|tell|give|what|what's|how|why|when|where|who"
                    + "|please|let|i|i'm|me|thanks|thank|but|so|if|make|let's|calculate|compute|work|figure|multiply"
                    + "|divide|subtract|double|halve|convert|search|look|find|google|save|note|jot|write|remember|check"
                    + "|get|show|list|read|open|round|send|book|call)\\b");
    /** Only "and" joins a clause to the request before it; "then", "also" and a full stop start a new one. */
    private static final Pattern GLUE = Words.pattern("^\\s*,?\\s*and\\s+$");
    private static final Pattern VALUE_TO_FIND = Words.pattern(
            "^(?:(?:with|of|about|containing)\\s+)?(?:the\\s+(?:result|answer|value|outcome|weather|forecast|temperature"
                    + "|sum|total|product)\\b|what\\b|how\\b|whether\\b)");

    private sealed interface Detected {
        int start();
    }

    private record Requests(int start, List<Intent> intents) implements Detected {}

    private record PlacelessWeather(int start, WeatherPhrases.Found found) implements Detected {}

    private IntentParser() {}

    static Parsed parse(String text) {
        var reading = new Reading();
        for (var piece : Clauses.split(text)) {
            var detected = detect(piece.clause());
            switch (detected.orElse(null)) {
                case Requests requests -> reading.add(requests.intents(), DayWords.find(piece.clause()).isEmpty());
                case PlacelessWeather weather -> reading.weatherWithoutPlace(weather.found());
                case null -> reading.rest(piece);
            }
        }
        return reading.finish();
    }

    /** The request whose trigger comes first in the clause; on a tie notes, then search, weather, arithmetic. */
    private static Optional<Detected> detect(String clause) {
        var candidates = new ArrayList<Detected>();
        NotePhrases.find(clause).ifPresent(f -> candidates.add(new Requests(f.start(), expandNote(f.intent()))));
        SearchPhrases.find(clause).ifPresent(f -> candidates.add(new Requests(f.start(),
                tools(f.query()).orElse(List.of(new Intent.Search(f.query()))))));
        WeatherPhrases.find(clause).ifPresent(f -> candidates.add(f.location()
                .<Detected>map(place -> new Requests(f.start(), List.of(f.intent(place))))
                .orElse(new PlacelessWeather(f.start(), f))));
        var arithmetic = ArithmeticPhrases.find(clause);
        if (!arithmetic.isEmpty()) {
            var calculations = arithmetic.stream()
                    .<Intent>map(found -> new Intent.Calculate(found.expression(), found.display()).roundedAs(clause))
                    .toList();
            candidates.add(new Requests(arithmetic.getFirst().start(), calculations));
        }
        Detected first = null;
        for (var candidate : candidates) {
            if (first == null || candidate.start() < first.start()) {
                first = candidate;
            }
        }
        return Optional.ofNullable(first);
    }

    /** The calculation or weather question a search query really is, if it is one. */
    private static Optional<List<Intent>> tools(String query) {
        var arithmetic = ArithmeticPhrases.find(query);
        if (!arithmetic.isEmpty()) {
            return Optional.of(arithmetic.stream()
                    .<Intent>map(found -> new Intent.Calculate(found.expression(), found.display()).roundedAs(query))
                    .toList());
        }
        return WeatherPhrases.find(query).flatMap(f -> f.location().map(place -> List.<Intent>of(f.intent(place))));
    }

    /** "Jot down what 15% of 80 is" asks for a value first, then a note saving it. */
    private static List<Intent> expandNote(Intent note) {
        if (note instanceof Intent.SaveNote save && VALUE_TO_FIND.matcher(save.body()).find()) {
            var inner = save.body().replaceFirst("(?i)^(?:with|of|about|containing)\\s+", "");
            var found = tools(inner).or(() -> SearchPhrases.question(inner)
                    .map(query -> List.<Intent>of(new Intent.Search(query))));
            if (found.isPresent()) {
                var intents = new ArrayList<>(found.get());
                intents.add(new Intent.SaveResult(""));
                return intents;
            }
        }
        return List.of(note);
    }

    private static boolean isNote(Intent intent) {
        return intent instanceof Intent.SaveNote || intent instanceof Intent.SaveResult;
    }

    /** The state of reading one message, clause by clause. */
    private static final class Reading {
        private final List<Intent> intents = new ArrayList<>();
        private final Set<Integer> implicitDay = new HashSet<>();
        private final List<WeatherPhrases.Found> waitingForPlace = new ArrayList<>();
        private final List<String> unsupported = new ArrayList<>();
        private Optional<String> mentionedPlace = Optional.empty();
        /** The last clause that asked for nothing, which "remember that" may refer to. */
        private Optional<String> unusedClause = Optional.empty();

        void add(List<Intent> found, boolean noDayWords) {
            for (var intent : found) {
                if (intent instanceof Intent.SaveResult save && save.title().isEmpty() && save.topic().isEmpty()
                        && unusedClause.isPresent() && intents.stream().allMatch(IntentParser::isNote)) {
                    // "My bike is in bay 4, remember that": the note is the clause before
                    var text = Words.clean(unusedClause.get());
                    intent = new Intent.SaveNote(NoteTitles.fromText(text), Words.capitalise(text));
                }
                if (intent instanceof Intent.Weather weather) {
                    intent = withWaitingQuestions(weather);
                    mentionedPlace = Optional.of(weather.location());
                    if (noDayWords) {
                        implicitDay.add(intents.size());
                    }
                }
                intents.add(intent);
            }
            unusedClause = Optional.empty();
        }

        /** "Will I need a coat and an umbrella in Oslo tomorrow": earlier questions without a place take this one. */
        private Intent.Weather withWaitingQuestions(Intent.Weather weather) {
            var merged = weather;
            for (var found : waitingForPlace) {
                if (found.window().isEmpty() || found.window().get().equals(weather.window())) {
                    merged = merged.alsoAsking(found.concerns());
                } else {
                    intents.add(found.intent(weather.location()));
                }
            }
            waitingForPlace.clear();
            return merged;
        }

        void weatherWithoutPlace(WeatherPhrases.Found found) {
            var asked = intents.stream().filter(Intent.Weather.class::isInstance).map(Intent.Weather.class::cast).toList();
            if (asked.isEmpty()) {
                mentionedPlace.ifPresentOrElse(place -> add(List.of(found.intent(place)), found.window().isEmpty()),
                        () -> waitingForPlace.add(found));
                return;
            }
            var places = new LinkedHashSet<String>();
            asked.forEach(weather -> places.add(weather.location()));
            if (found.window().isPresent() && !found.window().get().equals(asked.getLast().window())) {
                places.forEach(place -> add(List.of(found.intent(place)), false));
                return;
            }
            for (int i = 0; i < intents.size(); i++) {
                if (intents.get(i) instanceof Intent.Weather weather) {
                    intents.set(i, weather.alsoAsking(found.concerns()));
                }
            }
        }

        void rest(Clauses.Piece piece) {
            var clause = Words.trimEnd(piece.clause());
            Intent last = intents.isEmpty() ? null : intents.getLast();
            if (clause.isEmpty()) {
                return;
            }
            if (last instanceof Intent.Calculate calc && Precision.find(clause).isPresent()) {
                intents.set(intents.size() - 1, calc.roundedAs(clause));
                return;
            }
            if (last instanceof Intent.Weather weather && anotherPlace(weather, clause)) {
                return;
            }
            var place = PlaceNames.mentioned(clause);
            if (place.isPresent()) {
                mentionedPlace = place;
                if (!waitingForPlace.isEmpty()) {
                    var waiting = List.copyOf(waitingForPlace);
                    waitingForPlace.clear();
                    waiting.forEach(found -> add(List.of(found.intent(place.get())), found.window().isEmpty()));
                    return;
                }
            }
            var question = SearchPhrases.question(piece.clause());
            if (question.isPresent()) {
                intents.add(new Intent.Search(question.get()));
                return;
            }
            var cannot = Unsupported.describe(clause);
            if (cannot.isPresent()) {
                unsupported.add(cannot.get());
            } else if (last != null && GLUE.matcher(piece.separator()).matches() && !NEW_THOUGHT.matcher(clause).find()) {
                intents.set(intents.size() - 1, last.absorb(piece.separator(), piece.clause()));
            } else {
                unusedClause = Optional.of(clause);
            }
        }

        /** "… in Oslo and Bergen", "… in Paris and London this weekend": the question again, about another place. */
        private boolean anotherPlace(Intent.Weather weather, String clause) {
            var place = PlaceNames.leading(clause);
            if (place.isEmpty()) {
                return false;
            }
            var remainder = Words.trimEnd(clause.substring(Math.min(clause.length(), place.get().length())));
            var window = DayWords.find(remainder);
            if (!remainder.isEmpty() && (window.isEmpty() || remainder.split("\\s+").length > 4)) {
                return false;
            }
            if (window.isPresent()) {
                for (int i = 0; i < intents.size(); i++) {
                    if (implicitDay.contains(i) && intents.get(i) instanceof Intent.Weather earlier) {
                        intents.set(i, new Intent.Weather(earlier.location(), window.get(), earlier.concerns()));
                        implicitDay.remove(i);
                    }
                }
            }
            var asked = window.map(w -> new Intent.Weather(place.get(), w, weather.concerns()))
                    .orElse(weather.at(place.get()));
            add(List.of(asked), window.isEmpty() && implicitDay.contains(intents.size() - 1));
            return true;
        }

        Parsed finish() {
            var clarifications = new ArrayList<String>();
            if (!waitingForPlace.isEmpty()) {
                clarifications.add(WHICH_PLACE);
            }
            return new Parsed(intents, clarifications, unsupported);
        }
    }
}
