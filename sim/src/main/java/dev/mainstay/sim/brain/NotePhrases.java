package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the note requests: saving, listing ("list my notes", "what notes do I have") and reading ("read my
 * note about X", "what did I note about X").
 *
 * <p>Saving is a verb ("save", "note", "jot", "write", "remember", "store", "keep", "record", "make a note") and what
 * to save, which is one of:
 * <ul>
 *   <li>a reference back to another request's result ("note it down", "jot that down", "save the answer",
 *       "remember it", "save it in my notes", "write a note about it") — {@link Intent.SaveResult};</li>
 *   <li>a topic ("write a note about the dentist") — a {@link Intent.SaveResult} with that topic, which the plan
 *       turns into the note itself when no other request came before;</li>
 *   <li>the note itself ("remember that my locker code is 4512", "jot down: buy milk", "save a note titled
 *       Groceries saying eggs and bread") — {@link Intent.SaveNote}.</li>
 * </ul>
 */
final class NotePhrases {
    private static final Pattern LIST = Words.pattern(
            "\\b(?:(?:list|show|display|see|view|give)(?:\\s+me)?\\s+(?:all\\s+)?(?:of\\s+)?my\\s+notes"
                    + "|(?:what|which)\\s+notes\\s+(?:do\\s+i\\s+have|have\\s+i\\s+(?:got|saved|made|written))"
                    + "|what\\s+have\\s+i\\s+(?:saved|noted|jotted|written)(?:\\s+down)?\\s*[?.!]*\\s*$"
                    + "|do\\s+i\\s+have\\s+any\\s+notes|^\\s*my\\s+notes\\s*[?.!]*\\s*$)");
    private static final Pattern READ = Words.pattern(
            "\\b(?:(?:read|open|show|get|fetch|display|find)(?:\\s+me)?\\s+(?:my|the)\\s+note"
                    + "|what\\s+did\\s+i\\s+(?:note|write|save|jot)(?:\\s+down)?"
                    + "|what(?:'s|’s|\\s+is)\\s+in\\s+my\\s+note"
                    + "|what\\s+does\\s+my\\s+note)\\s+(?:(?<explicit>titled|called|named)|about|on|regarding|for)?\\s*(?<title>.+)");
    private static final String REFERENCE = "(?:it|that|this|them|those|these|the\\s+(?:answer|result|results|findings?"
            + "|information|info|details|number|figure|value|outcome|forecast|weather)|what\\s+you\\s+(?:find|found|get|got|learn))";
    private static final Pattern SAVE = Words.pattern(
            "\\b(?:(?:jot|note|write|put|take|get|set|mark)\\s+(?<downRef>" + REFERENCE + ")\\s+down"
                    + "|(?:save|make|take|create|write|add|store|keep|leave|start)(?:\\s+me)?\\s+(?:a|an|the|this|that)?\\s*"
                    + "(?:new\\s+|quick\\s+|short\\s+)?note(?:\\s+(?:of|on))?"
                    + "|(?:save|store|keep|record|log|memori[sz]e|note|jot)(?=\\s+" + REFERENCE + "\\b)"
                    // "keep it safe", "keep that private": advice about a thing, not a note to save
                    + "(?!\\s+\\w+\\s+(?:safe|secret|private|quiet|confidential|secure|short|simple|brief|handy|clean)\\b)"
                    + "|(?:save|store|record|note|jot)(?=\\s*[.!?]*$)"
                    + "|(?:save|store|add|put|keep|write|jot|record|log|copy)(?=\\s+.{1,200}?\\s+(?:in|to|into|as|on)\\s+(?:a|an|my|the)?\\s*"
                    + "(?:new\\s+)?notes?\\b)"
                    + "|note\\s+(?:that|down|it|this)|note(?=\\s*[:\\-–])|jot(?:\\s+down)?|write\\s+down|take\\s+note\\s+of"
                    + "|keep\\s+in\\s+mind(?:\\s+that)?|(?<!\\b(?:you|i|can't|cannot|don't|not|to)\\s)remember(?:\\s+that)?"
                    + "|don't\\s+forget(?:\\s+that)?|remind\\s+me(?=\\s+(?:to|that|about|of)\\b))"
                    + "(?<rest>\\b.*|$)");
    private static final Pattern TITLED_WITH_BODY = Words.pattern(
            "^(?:titled|called|named|with\\s+(?:the\\s+)?title)\\s+(?<title>.+?)\\s*,?\\s+(?:with\\s+(?:the\\s+)?(?:body|text|content)"
                    + "|saying|that\\s+says|which\\s+says|reading|containing|and\\s+(?:the\\s+)?body)\\s*:?\\s*(?<body>.+)$");
    /** "called Shopping with eggs", "titled Trip: leave at 9": a short title, then the text. */
    private static final Pattern TITLED_WITH_TEXT = Words.pattern(
            "^(?:titled|called|named)\\s+(?<title>[^:,]{1,60}?)\\s*(?:\\s+with\\s+|:|\\s+-\\s+)\\s*(?<body>.+)$");
    private static final Pattern TITLED = Words.pattern(
            "^(?:(?:it|that|this|the\\s+answer|the\\s+result)\\s+)?(?:(?:in|as|to|into)\\s+(?:a|an|my|the)?\\s*(?:new\\s+)?notes?\\s+)?"
                    + "(?:titled|called|named|with\\s+(?:the\\s+)?title|under|as)\\s+(?<title>.+?)(?<ref>\\s+(?:with|containing)\\s+"
                    + "(?:the\\s+|that\\s+|this\\s+|my\\s+)?(?:answer|results?|findings|information|info|details|it|that|this))?\\s*[.!?]*$");
    private static final Pattern REFERS_BACK = Words.pattern(
            "^(?:(?:with|about|of|containing|on|for)\\s+)?(?:all\\s+)?" + REFERENCE + "?"
                    + "(?:\\s+(?:down|for\\s+me|please|too|as\\s+well|for\\s+later|for\\s+me\\s+later"
                    + "|(?:in|to|into|as|on)\\s+(?:a|an|my|the)?\\s*(?:new\\s+)?notes?))*\\s*[.!?]*$");
    private static final Pattern TOPIC = Words.pattern("^(?:about|on|regarding|concerning)\\s+(?<topic>.+)$");
    private static final Pattern BODY = Words.pattern(
            "^(?:that|this\\s*:|saying|to\\s+say|reading|with\\s+(?:the\\s+)?(?:text|body|content)|:|-)\\s*:?\\s*(?<body>.+)$");
    private static final Pattern NOTES_PLACE = Words.pattern(
            "\\s+(?:in|to|into|as|on)\\s+(?:a|an|my|the)?\\s*(?:new\\s+)?notes?\\s*[.!?]*$");

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
        if (m.group("downRef") != null) {
            var titled = TITLED.matcher(rest);
            return found(m, new Intent.SaveResult(titled.matches() ? NoteTitles.explicit(titled.group("title")) : ""));
        }
        var titledWithBody = TITLED_WITH_BODY.matcher(rest);
        if (titledWithBody.matches()) {
            var body = Words.clean(titledWithBody.group("body"));
            if (!body.isEmpty()) {
                return found(m, new Intent.SaveNote(NoteTitles.explicit(titledWithBody.group("title")), body));
            }
        }
        var trimmed = Words.trimEnd(rest);
        if (trimmed.isEmpty() || REFERS_BACK.matcher(trimmed).matches()) {
            return found(m, new Intent.SaveResult(""));
        }
        var titled = TITLED.matcher(rest);
        if (titled.matches() && titled.group("ref") != null) {
            return found(m, new Intent.SaveResult(NoteTitles.explicit(titled.group("title"))));
        }
        var titledWithText = TITLED_WITH_TEXT.matcher(rest);
        if (titledWithText.matches()) {
            return found(m, new Intent.SaveNote(NoteTitles.explicit(titledWithText.group("title")),
                    Words.clean(titledWithText.group("body"))));
        }
        if (titled.matches()) {
            return found(m, new Intent.SaveResult(NoteTitles.explicit(titled.group("title"))));
        }
        var topic = TOPIC.matcher(trimmed);
        if (topic.matches()) {
            return found(m, new Intent.SaveResult("", Words.clean(topic.group("topic"))));
        }
        var bodyMatch = BODY.matcher(rest);
        var body = Words.clean(NOTES_PLACE.matcher(bodyMatch.matches() ? bodyMatch.group("body") : rest).replaceFirst(""));
        body = body.replaceFirst("(?i)^(?:to|about|of)\\s+", "");
        if (body.isEmpty()) {
            return found(m, new Intent.SaveResult(""));
        }
        return found(m, new Intent.SaveNote(NoteTitles.fromText(body), Words.capitalise(body)));
    }

    private static Optional<Found> found(Matcher m, Intent intent) {
        return Optional.of(new Found(m.start(), intent));
    }
}
