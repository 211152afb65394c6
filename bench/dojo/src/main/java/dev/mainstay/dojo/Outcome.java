package dev.mainstay.dojo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.run.RunStopReason;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What one benchmark run came to, for the deterministic checks: how it stopped, the final answer, the call trace
 * (every tool call that ran, in journal order) and the environment's state after it.
 */
record Outcome(RunStopReason stop, String answer, List<ToolStep> trace, Environment env) {
    /** The calls of {@code tool} that ran and succeeded. */
    List<ToolStep> succeeded(String tool) {
        return trace.stream().filter(s -> s.tool().equals(tool) && !s.result().isError()).toList();
    }

    boolean called(String tool, Predicate<ObjectNode> input) {
        return succeeded(tool).stream().anyMatch(s -> input.test(s.input()));
    }

    boolean answerMentions(String... words) {
        var lower = answer.toLowerCase(Locale.ROOT);
        for (var word : words) {
            if (!lower.contains(word.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the notebook holds a note titled {@code title} (any case) whose body mentions every word. */
    boolean noteSaved(String title, String... words) {
        return env.notebook().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(title)
                && containsAll(e.getValue(), words));
    }

    /** Whether a note was saved, by the run, whose body mentions every word. */
    boolean savedNoteMentions(String... words) {
        return succeeded("save_note").stream().anyMatch(s -> containsAll(s.input().path("body").asText(), words));
    }

    boolean messageSentTo(String address) {
        return env.sent().stream().anyMatch(m -> m.to().equalsIgnoreCase(address));
    }

    private static boolean containsAll(String text, String... words) {
        var lower = text.toLowerCase(Locale.ROOT);
        for (var word : words) {
            if (!lower.contains(word.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
