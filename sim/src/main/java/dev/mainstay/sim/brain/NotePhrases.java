package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the note requests: saving ("save a note …", "remember that …", "note that …", "take a note: …"),
 * listing ("list my notes", "what notes do I have") and reading ("read my note about X", "what did I note about X").
 * "save a note with the answer" depends on the step before it and becomes {@link Intent.SaveResult}.
 */
final class NotePhrases {
    private static final Pattern LIST = Words.pattern(
            "\\b(?:(?:list|show|display|see|view|give)(?:\\s+me)?\\s+(?:all\\s+)?(?:of\\s+)?my\\s+notes"
                    + "|(?:what|which)\\s+notes\\s+(?:do\\s+i\\s+have|have\\s+i\\s+(?:got|saved))"
                    + "|do\\s+i\\s+have\\s+any\\s+notes|^\\s*my\\s+notes\\s*[?.!]*\\s*$)");
    private static final Pattern READ = Words.pattern(
            "\\b(?:(?:read|open|show|get|fetch|display|find)(?:\\s+me)?\\s+(?:my|the)\\s+note"
                    + "|what\\s+did\\s+i\\s+(?:note|write|save|jot)(?:\\s+down)?"
                    + "|what(?:'s|’s|\\s+is)\\s+in\\s+my\\s+note"
                    + "|what\\s+does\\s+my\\s+note)\\s+(?:(?<explicit>titled|called|named)|about|on|regarding|for)?\\s*(?<title>.+)");
    private static final Pattern SAVE = Words.pattern(
            "\\b(?:(?:save|make|take|create|write|add|store|keep)(?:\\s+me)?\\s+(?:a|an|the|this|that)?\\s*(?:new\\s+|quick\\s+)?note"
                    + "|note\\s+(?:that|down)|jot\\s+down|write\\s+down|(?<!\\byou\\s)remember(?:\\s+that)?|don't\\s+forget(?:\\s+that)?)"
                    + "(?<rest>\\b.*|$)");
    private static final Pattern TITLED_WITH_BODY = Words.pattern(
            "^(?:titled|called|named|with\\s+(?:the\\s+)?title)\\s+(?<title>.+?)\\s*,?\\s+(?:with\\s+(?:the\\s+)?(?:body|text|content)"
                    + "|saying|that\\s+says|which\\s+says|reading|containing|and\\s+(?:the\\s+)?body)\\s*:?\\s*(?<body>.+)$");
    private static final Pattern TITLED = Words.pattern(
            "^(?:titled|called|named|with\\s+(?:the\\s+)?title)\\s+(?<title>.+?)(?<ref>\\s+(?:with|containing)\\s+"
                    + "(?:the\\s+|that\\s+|this\\s+|my\\s+)?(?:answer|results?|findings|information|info|details|it|that|this))?\\s*[.!?]*$");
    private static final Pattern REFERS_BACK = Words.pattern(
            "^(?:(?:with|about|of|containing|on)\\s+)?(?:the\\s+|that\\s+|this\\s+|those\\s+|these\\s+|your\\s+)?"
                    + "(?:answer|results?|findings|information|info|details|it|that|this|them|what\\s+you\\s+(?:find|found|get|got|learn))\\b.{0,40}$");
    private static final Pattern BODY = Words.pattern(
            "^(?:that|saying|to\\s+say|reading|with\\s+(?:the\\s+)?(?:text|body|content)|:|-|about)\\s*:?\\s*(?<body>.+)$");

    /** A note intent found at {@code start} of its clause. */
    record Found(int start, Intent intent) {}

    private NotePhrases() {}

    static Optional<Found> find(String clause) {
        var found = new ArrayList<Found>();
        match(LIST, clause).ifPresent(m -> found.add(new Found(m.start(), new Intent.ListNotes())));
        match(READ, clause).flatMap(NotePhrases::read).ifPresent(found::add);
        match(SAVE, clause).flatMap(NotePhrases::save).ifPresent(found::add);
        return found.stream().min(Comparator.comparingInt(Found::start));
    }

    private static Optional<Matcher> match(Pattern pattern, String clause) {
        var m = pattern.matcher(clause);
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    private static Optional<Found> read(Matcher m) {
        var raw = Words.clean(m.group("title").replaceAll("(?i)\\s+say\\s*[?.!]*$", ""));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        var title = m.group("explicit") != null ? NoteTitles.explicit(raw) : NoteTitles.fromText(raw);
        return Optional.of(new Found(m.start(), new Intent.ReadNote(title)));
    }

    private static Optional<Found> save(Matcher m) {
        var rest = m.group("rest").strip();
        var titledWithBody = TITLED_WITH_BODY.matcher(rest);
        if (titledWithBody.matches()) {
            var body = Words.clean(titledWithBody.group("body"));
            if (!body.isEmpty()) {
                return found(m, new Intent.SaveNote(NoteTitles.explicit(titledWithBody.group("title")), body));
            }
        }
        var titled = TITLED.matcher(rest);
        if (titled.matches()) {
            var title = NoteTitles.explicit(titled.group("title"));
            return found(m, new Intent.SaveResult(title));
        }
        if (rest.isEmpty() || Words.trimEnd(rest).isEmpty() || REFERS_BACK.matcher(Words.trimEnd(rest)).matches()) {
            return found(m, new Intent.SaveResult(""));
        }
        var bodyMatch = BODY.matcher(rest);
        var body = Words.clean(bodyMatch.matches() ? bodyMatch.group("body") : rest);
        body = body.replaceFirst("(?i)^to\\s+", "");
        if (body.isEmpty()) {
            return found(m, new Intent.SaveResult(""));
        }
        return found(m, new Intent.SaveNote(NoteTitles.fromText(body), Words.capitalise(body)));
    }

    private static Optional<Found> found(Matcher m, Intent intent) {
        return Optional.of(new Found(m.start(), intent));
    }
}
