package dev.mainstay.sim.brain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Follow-ups that only make sense with the turn before: after "What's the weather in Lisbon?", "And what about
 * Porto?" asks the same about Porto. The scripted brain reads one task at a time, so a follow-up is rewritten as the
 * earlier task with its place (or search topic) replaced — what a model does with the conversation's history.
 */
final class FollowUps {
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "(?i)^\\s*(?:and\\s+|ok(?:ay)?,?\\s+|so\\s+)?(?:what|how)\\s+about\\s+(?:in\\s+)?(.+?)\\s*[?.!]*\\s*$");

    private FollowUps() {}

    /** {@code task} as a whole task, given the earlier tasks of the conversation (oldest first). */
    static String resolve(String task, List<String> earlierTasks) {
        var m = FOLLOW_UP.matcher(task);
        if (!m.matches() || earlierTasks.isEmpty()) {
            return task;
        }
        var subject = m.group(1).strip();
        for (int i = earlierTasks.size() - 1; i >= 0; i--) {
            var rewritten = replaceSubject(earlierTasks.get(i), subject);
            if (rewritten.isPresent()) {
                return rewritten.get();
            }
        }
        return task;
    }

    private static Optional<String> replaceSubject(String earlier, String subject) {
        for (var intent : IntentParser.parse(earlier).intents()) {
            var old = switch (intent) {
                case Intent.Weather weather -> weather.location();
                case Intent.Search search -> search.query();
                default -> "";
            };
            int at = old.isEmpty() ? -1 : earlier.toLowerCase(java.util.Locale.ROOT)
                    .indexOf(old.toLowerCase(java.util.Locale.ROOT));
            if (at >= 0) {
                return Optional.of(earlier.substring(0, at) + subject + earlier.substring(at + old.length()));
            }
        }
        return Optional.empty();
    }
}
