package dev.mainstay.sim.brain;

import java.util.Optional;

/**
 * What a careful model does when read_note finds nothing under the title the user's words suggested ("read my
 * note about the locker code" → "Locker code"): list the notes, then read the one whose title matches best.
 * The retried read supersedes the failed one (see {@link Progress}).
 */
final class NoteRecovery {
    private NoteRecovery() {}

    /** The next call to recover a failed read, or empty when there is nothing (more) to try. */
    static Optional<Intent> next(Plan plan, Progress progress, Conversation conversation) {
        for (var step : plan.steps()) {
            if (!(step.intent() instanceof Intent.ReadNote read)) {
                continue;
            }
            var result = progress.result(step);
            if (result.isEmpty() || !result.get().failed()) {
                continue;
            }
            var later = conversation.exchanges().subList(
                    conversation.exchanges().indexOf(result.get()) + 1, conversation.exchanges().size());
            if (later.stream().anyMatch(e -> e.tool().equals(Intent.READ_NOTE))) {
                continue;
            }
            var tried = result.get().use().input().path("title").asText("");
            var best = NoteTitles.bestMatch(read.title(), StepInputs.knownTitles(conversation))
                    .filter(title -> !title.equals(tried));
            if (best.isPresent() && conversation.declares(Intent.READ_NOTE)) {
                return Optional.of(new Intent.ReadNote(best.get()));
            }
            if (conversation.declares(Intent.LIST_NOTES)
                    && later.stream().noneMatch(e -> e.tool().equals(Intent.LIST_NOTES))) {
                return Optional.of(new Intent.ListNotes());
            }
        }
        return Optional.empty();
    }

    static String intro(Intent next) {
        return next instanceof Intent.ReadNote read
                ? "I'll read your note " + Words.quoted(read.title()) + " instead."
                : "I couldn't find a note with that title, so I'll look through your notes.";
    }
}
