package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Builds the tool input of a planned step, within the reference tools' input schemas. */
final class StepInputs {
    static final int MAX_EXPRESSION = 1000;
    static final int MAX_BODY = 20_000;

    private StepInputs() {}

    /**
     * The input for {@code step}. A dependent step reads its source's result, so the caller must only ask once the
     * source is done and usable.
     */
    static ObjectNode of(Plan.Step step, Plan plan, Progress progress, Conversation conversation) {
        return switch (step.intent()) {
            case Intent.SaveResult save -> {
                var source = plan.step(step.source());
                var result = progress.result(source).orElseThrow(
                        () -> new IllegalStateException("step " + step.index() + " needs step " + source.index()));
                var title = save.title().isEmpty() ? Findings.noteTitle(source.intent()) : save.title();
                var body = Findings.noteBody(source.intent(), result).orElseThrow(
                        () -> new IllegalStateException("step " + source.index() + " found nothing to save"));
                yield note(title, body);
            }
            case Intent.ReadNote read -> direct(new Intent.ReadNote(
                    NoteTitles.bestMatch(read.title(), knownTitles(conversation)).orElse(read.title())));
            case Intent.Weather weather -> withoutUndeclared(direct(weather), conversation, Intent.GET_WEATHER);
            default -> direct(step.intent());
        };
    }

    /**
     * The input without optional properties the declared tool does not have: a get_weather without {@code days} is
     * still called for the place, and the answer reads what its forecast covers.
     */
    private static ObjectNode withoutUndeclared(ObjectNode input, Conversation conversation, String tool) {
        var properties = conversation.tool(tool).map(t -> t.inputSchema().path("properties"));
        if (properties.isPresent() && properties.get().isObject()) {
            var names = new ArrayList<String>();
            input.fieldNames().forEachRemaining(names::add);
            names.stream().filter(name -> !name.equals("location") && !properties.get().has(name)).forEach(input::remove);
        }
        return input;
    }

    /** The input for an intent that needs no other step's result; a {@link Intent.SaveResult} has none. */
    static ObjectNode direct(Intent intent) {
        var input = Json.object();
        switch (intent) {
            case Intent.Calculate calc -> input.put("expression", limit(calc.toolExpression(), MAX_EXPRESSION));
            case Intent.Weather weather -> {
                input.put("location", limit(weather.location(), PlaceNames.MAX_LOCATION));
                if (weather.days() > 1) {
                    input.put("days", weather.days());
                }
            }
            case Intent.Search search -> input.put("query", limit(search.query(), SearchPhrases.MAX_QUERY));
            case Intent.SaveNote save -> input.setAll(note(save.title(), save.body()));
            case Intent.SaveResult ignored -> throw new IllegalArgumentException("a saved result needs its source");
            case Intent.ListNotes ignored -> { }
            case Intent.ReadNote read -> input.put("title", limit(read.title(), NoteTitles.MAX_TITLE));
        }
        return input;
    }

    private static ObjectNode note(String title, String body) {
        var input = Json.object();
        input.put("title", limit(title, NoteTitles.MAX_TITLE));
        input.put("body", limit(body, MAX_BODY));
        return input;
    }

    /** Note titles the conversation has seen: notes saved in it and notes listed by list_notes. */
    static List<String> knownTitles(Conversation conversation) {
        var titles = new ArrayList<String>();
        for (var exchange : conversation.history()) {
            if (exchange.failed()) {
                continue;
            }
            if (exchange.tool().equals(Intent.SAVE_NOTE)) {
                var title = exchange.use().input().path("title").asText("");
                if (!title.isBlank() && !titles.contains(title)) {
                    titles.add(title);
                }
            } else if (exchange.tool().equals(Intent.LIST_NOTES)) {
                NoteList.titles(exchange.content()).ifPresent(listed -> listed.stream()
                        .filter(t -> !titles.contains(t)).forEach(titles::add));
            }
        }
        return titles;
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
