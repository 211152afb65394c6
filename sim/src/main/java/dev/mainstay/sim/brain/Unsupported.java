package dev.mainstay.sim.brain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests that none of the reference tools can carry out ("book me a flight", "send an email to Ana", "delete my
 * notes"), so the answer says plainly that they were not done instead of passing over them. Only clear commands
 * count: a clause that starts with one of these verbs, after fillers such as "please" or "could you". A calculation
 * the arithmetic grammar could not read ("calculate it times 2") is owned up to as well.
 */
final class Unsupported {
    private static final Pattern COMMAND = Words.pattern(
            "^(?:book|order|buy|purchase|reserve|rent|send|e-?mail|text|message|call|phone|ring|dial|translate|play"
                    + "|stream|schedule|set\\s+(?:an?\\s+|my\\s+)?(?:alarm|timer|reminder)|turn\\s+(?:on|off)"
                    + "|switch\\s+(?:on|off)|delete|remove|erase|cancel|pay|transfer|post|tweet|share|download|install"
                    + "|print|launch|navigate|drive|upload|edit|update|rename|convert|invite|subscribe|unsubscribe"
                    + "|open\\s+(?!(?:my|the)\\s+notes?\\b))\\b.*");

    /** A calculation the arithmetic grammar could not read ("calculate it times 2"). */
    private static final Pattern UNREAD_CALCULATION = Words.pattern(
            "^(?:calculate|compute|work\\s+out|figure\\s+out|multiply|divide|subtract|add\\s+up|double|halve|evaluate)\\b.*");

    private Unsupported() {}

    /**
     * "I can't book you a flight to Paris: none of my tools can do that.", if the clause is such a request, or that
     * a calculation could not be read.
     */
    static Optional<String> describe(String clause) {
        var request = Words.trimEnd(Clauses.withoutFillers(clause));
        if (UNREAD_CALCULATION.matcher(request).matches()) {
            return Optional.of("I couldn't tell what to calculate from " + Words.quoted(request)
                    + "; please write it out with numbers, e.g. \"12 times 7\".");
        }
        if (!COMMAND.matcher(request).matches()) {
            return Optional.empty();
        }
        var words = request.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            words[i] = switch (Words.lower(words[i])) {
                case "me" -> "you";
                case "my" -> "your";
                case "mine" -> "yours";
                case "i" -> "you";
                default -> i == 0 ? Words.lower(words[i]) : words[i];
            };
        }
        return Optional.of("I can't " + String.join(" ", words) + ": none of my tools can do that.");
    }
}
