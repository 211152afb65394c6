package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the list_notes tool's output: {@code {"notes":[{"id":..,"title":..,"updated_at":..}]}}. */
final class NoteList {
    private NoteList() {}

    /** The titles in the output, or empty when it is not the tool's JSON shape. */
    static Optional<List<String>> titles(String output) {
        var json = JsonText.parse(output);
        if (json.isEmpty() || !json.get().path("notes").isArray()) {
            return Optional.empty();
        }
        var titles = new ArrayList<String>();
        for (JsonNode note : json.get().path("notes")) {
            JsonText.text(note, "title").ifPresent(titles::add);
        }
        return Optional.of(titles);
    }

    static String describe(String output) {
        var titles = titles(output);
        if (titles.isEmpty()) {
            return "Your notes: " + Words.excerpt(output, 1000);
        }
        var list = titles.get();
        if (list.isEmpty()) {
            return "You don't have any notes yet.";
        }
        var quoted = list.stream().map(Words::quoted).toList();
        return "You have " + list.size() + (list.size() == 1 ? " note: " : " notes: ") + Words.joinAnd(quoted) + ".";
    }
}
