package dev.mainstay.policy;

import dev.mainstay.tool.ToolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The default {@link Planner}: a side-effecting tool is planned once for each time the user's task asks for it —
 * each match of the tool's cue ({@link ToolRule#cue()}), or, for a tool without one, each sentence that holds every
 * word of the tool's name ("save … note" for {@code save_note}). It reads the task only: the system prompt describes
 * tools, it does not ask for them, and an earlier turn's request was that turn's plan.
 */
public final class CuePlanner implements Planner {
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;])\\s+|\\n+");

    private final Map<String, ToolRule> rules;

    public CuePlanner(Map<String, ToolRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    @Override
    public Plan plan(String task, List<ToolSpec> sideEffecting) {
        var planned = new HashMap<String, Integer>();
        for (var spec : sideEffecting) {
            var rule = rules.get(spec.name());
            int count = rule != null && rule.cue().isPresent() ? matches(rule.cue().get(), task) : byName(spec.name(), task);
            if (count > 0) {
                planned.put(spec.name(), count);
            }
        }
        return new Plan(planned);
    }

    private static int matches(Pattern cue, String task) {
        var m = cue.matcher(task);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static int byName(String tool, String task) {
        var words = tool.toLowerCase(Locale.ROOT).split("[_\\-]+");
        int count = 0;
        for (var sentence : SENTENCE.split(task)) {
            var normal = " " + LabeledContext.normalise(sentence) + " ";
            boolean all = true;
            for (var word : words) {
                all &= !word.isEmpty() && (normal.contains(" " + word + " ") || normal.contains(" " + word + "s "));
            }
            if (all) {
                count++;
            }
        }
        return count;
    }
}
