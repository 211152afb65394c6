package dev.mainstay.sim.brain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What each tool call found, in words: one sentence or short paragraph per answered step for the final answer, and
 * the title and body of a note that saves a step's result. Failed calls are reported plainly with what the tool said.
 */
final class Findings {
    private static final int ERROR_EXCERPT = 300;
    private static final Pattern NOTE_ID = Words.pattern("\\(id\\s+([^)\\s]+)\\)");

    private Findings() {}

    /** The answer's sentence for a step the conversation carried out. */
    static String describe(Intent intent, Exchange exchange) {
        if (exchange.failed()) {
            return failure(intent, exchange) + ": " + Words.excerpt(exchange.content(), ERROR_EXCERPT);
        }
        var output = exchange.content().strip();
        return switch (intent) {
            case Intent.Calculate calc -> Words.capitalise(calc.display())
                    + calc.precision().map(p -> " " + p.wording()).orElse("") + " is " + output + ".";
            case Intent.Weather weather -> WeatherReport.describe(weather, output)
                    .orElse("The weather service returned: " + Words.excerpt(output, ERROR_EXCERPT));
            case Intent.Search search -> SearchReport.describe(search.query(), output);
            case Intent.SaveNote save -> saved(noteTitle(exchange, save.title()), output);
            case Intent.SaveResult save -> saved(noteTitle(exchange, save.title()), output);
            case Intent.ListNotes ignored -> NoteList.describe(output);
            case Intent.ReadNote read -> "Your note " + Words.quoted(noteTitle(exchange, read.title())) + " says: "
                    + Words.excerpt(output, 2000);
        };
    }

    /** Why a dependent step was not run, given its source's result. */
    static String skipped(Intent source, Exchange sourceResult) {
        if (sourceResult.failed()) {
            return "I didn't save a note because " + subject(source) + " failed.";
        }
        return source instanceof Intent.Search
                ? "I didn't save a note because the web search didn't find an answer to save."
                : "I didn't save a note because " + subject(source) + " found nothing worth saving.";
    }

    /** The title for a note saving what {@code source} found. */
    static String noteTitle(Intent source) {
        return switch (source) {
            case Intent.Calculate calc -> NoteTitles.fromText(calc.display());
            case Intent.Weather weather -> "Weather in " + weather.location() + titleWhen(weather.window());
            case Intent.Search search -> NoteTitles.fromText(search.query());
            case Intent.ReadNote read -> read.title();
            case Intent.ListNotes ignored -> "My notes";
            case Intent.SaveNote save -> save.title();
            case Intent.SaveResult save -> save.title().isEmpty() ? "Note" : save.title();
        };
    }

    /** The body for a note saving what {@code source} found; empty when it found nothing worth keeping. */
    static Optional<String> noteBody(Intent source, Exchange result) {
        if (result.failed()) {
            return Optional.empty();
        }
        var output = result.content().strip();
        if (output.isEmpty()) {
            return Optional.empty();
        }
        if (source instanceof Intent.Search search && SearchReport.hits(output).isPresent()) {
            return SearchReport.noteBody(search.query(), output);
        }
        return Optional.of(Words.excerpt(describe(source, result), 20_000));
    }

    private static String titleWhen(ForecastWindow window) {
        return switch (window) {
            case ForecastWindow.Today ignored -> "";
            case ForecastWindow.Ahead ahead -> ahead.offset() == 1 ? " tomorrow" : " in " + ahead.offset() + " days";
            case ForecastWindow.Weekend ignored -> " this weekend";
            case ForecastWindow.Weekday weekday -> " on " + ForecastWindow.name(weekday.day());
            case ForecastWindow.Span span -> span.count() == 1 ? "" : " over the next " + span.count() + " days";
        };
    }

    private static String saved(String title, String output) {
        var id = NOTE_ID.matcher(output);
        return "I saved the note " + Words.quoted(title) + (id.find() ? " (id " + id.group(1) + ")." : ".");
    }

    private static String noteTitle(Exchange exchange, String fallback) {
        var title = exchange.use().input().path("title").asText("");
        return title.isBlank() ? fallback : title;
    }

    private static String failure(Intent intent, Exchange exchange) {
        return switch (intent) {
            case Intent.Calculate calc -> "The calculator failed on " + calc.display();
            case Intent.Weather weather -> "The weather lookup for " + weather.location() + " failed";
            case Intent.Search search -> "The web search for " + Words.quoted(search.query()) + " failed";
            case Intent.SaveNote save -> "Saving the note " + Words.quoted(noteTitle(exchange, save.title())) + " failed";
            case Intent.SaveResult save -> "Saving the note " + Words.quoted(noteTitle(exchange, save.title())) + " failed";
            case Intent.ListNotes ignored -> "Listing your notes failed";
            case Intent.ReadNote read -> "Reading the note " + Words.quoted(noteTitle(exchange, read.title())) + " failed";
        };
    }

    private static String subject(Intent source) {
        return switch (source) {
            case Intent.Calculate ignored -> "the calculation";
            case Intent.Weather ignored -> "the weather lookup";
            case Intent.Search ignored -> "the web search";
            case Intent.ListNotes ignored -> "listing your notes";
            case Intent.ReadNote ignored -> "reading the note";
            case Intent.SaveNote ignored -> "saving the note";
            case Intent.SaveResult ignored -> "saving the note";
        };
    }
}
