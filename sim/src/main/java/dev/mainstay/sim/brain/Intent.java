package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One thing the user asked for that a tool can do, parsed from their message. Each intent names the tool it needs;
 * the plan keeps only intents whose tool the request declares.
 */
sealed interface Intent {
    String CALCULATOR = "calculator";
    String GET_WEATHER = "get_weather";
    String WEB_SEARCH = "web_search";
    String SAVE_NOTE = "save_note";
    String LIST_NOTES = "list_notes";
    String READ_NOTE = "read_note";

    /** The tool this intent calls. */
    String tool();

    /**
     * This intent extended by a following clause that asked for nothing on its own ("Search for salt" + "and pepper").
     * Intents whose argument is not free text ignore it.
     */
    default Intent absorb(String separator, String clause) {
        return this;
    }

    /**
     * @param expression EvalEx syntax, unrounded
     * @param display the user's own wording, e.g. "17.5% of 2,340"
     * @param precision the rounding the user asked for, if any
     */
    record Calculate(String expression, String display, Optional<Precision> precision) implements Intent {
        Calculate(String expression, String display) {
            this(expression, display, Optional.empty());
        }

        @Override
        public String tool() {
            return CALCULATOR;
        }

        /** The expression the calculator gets: rounded as asked. */
        String toolExpression() {
            return precision.map(p -> p.apply(expression)).orElse(expression);
        }

        /** This calculation rounded as {@code clause} asks, unless it already has a precision. */
        Calculate roundedAs(String clause) {
            return precision.isPresent() ? this
                    : Precision.find(clause).map(p -> new Calculate(expression, display, Optional.of(p))).orElse(this);
        }

        @Override
        public Intent absorb(String separator, String clause) {
            return roundedAs(clause);
        }
    }

    /**
     * @param window the days asked about
     * @param concerns what the user wants to know; empty means the weather in general
     */
    record Weather(String location, ForecastWindow window, List<WeatherConcern> concerns) implements Intent {
        public Weather {
            concerns = List.copyOf(concerns);
        }

        @Override
        public String tool() {
            return GET_WEATHER;
        }

        /** How many forecast days to ask get_weather for. */
        int days() {
            return window.days();
        }

        /** The same question about another place ("… in Oslo and Bergen"). */
        Weather at(String place) {
            return new Weather(place, window, concerns);
        }

        /** This question also asking about {@code more} ("… and should I take an umbrella?"). */
        Weather alsoAsking(List<WeatherConcern> more) {
            var all = new ArrayList<>(concerns);
            more.stream().filter(c -> !all.contains(c)).forEach(all::add);
            return new Weather(location, window, all);
        }

        /** "… today and tomorrow": a clause naming only more days widens the window. */
        @Override
        public Intent absorb(String separator, String clause) {
            return DayWords.find(clause).<Intent>map(more -> new Weather(location, window.and(more), concerns))
                    .orElse(this);
        }
    }

    record Search(String query) implements Intent {
        @Override
        public String tool() {
            return WEB_SEARCH;
        }

        @Override
        public Intent absorb(String separator, String clause) {
            var longer = query + separator + clause;
            return longer.length() <= SearchPhrases.MAX_QUERY
                    ? SearchPhrases.query(longer).<Intent>map(Search::new).orElse(this) : this;
        }
    }

    record SaveNote(String title, String body) implements Intent {
        @Override
        public String tool() {
            return SAVE_NOTE;
        }

        @Override
        public Intent absorb(String separator, String clause) {
            return new SaveNote(title, Words.trimEnd(body) + separator + clause.strip());
        }
    }

    /**
     * Save a note whose body is what the previous step found. {@code title} is empty to derive it from that step;
     * {@code topic} is what the note was said to be about ("write a note about the dentist"), empty when the
     * request only referred back ("note it down"), and becomes the note itself when no step came before.
     */
    record SaveResult(String title, String topic) implements Intent {
        SaveResult(String title) {
            this(title, "");
        }

        @Override
        public String tool() {
            return SAVE_NOTE;
        }
    }

    record ListNotes() implements Intent {
        @Override
        public String tool() {
            return LIST_NOTES;
        }
    }

    record ReadNote(String title) implements Intent {
        @Override
        public String tool() {
            return READ_NOTE;
        }
    }
}
