package dev.mainstay.sim.brain;

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

    /** {@code expression} is EvalEx syntax; {@code display} is the user's own wording, e.g. "17.5% of 2,340". */
    record Calculate(String expression, String display) implements Intent {
        @Override
        public String tool() {
            return CALCULATOR;
        }

        @Override
        public Intent absorb(String separator, String clause) {
            var rounding = ArithmeticPhrases.rounding(clause);
            return rounding.isPresent() && !expression.startsWith("ROUND(")
                    ? new Calculate(ArithmeticPhrases.round(expression, rounding.getAsInt()), display)
                    : this;
        }
    }

    /**
     * @param days how many forecast days to ask for, 1..7
     * @param focusDay the day the user asked about: 0 today, 1 tomorrow, -1 every day asked for
     */
    record Weather(String location, int days, int focusDay) implements Intent {
        @Override
        public String tool() {
            return GET_WEATHER;
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

    /** Save a note whose body is what the previous step found; {@code title} is empty to derive it from that step. */
    record SaveResult(String title) implements Intent {
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
