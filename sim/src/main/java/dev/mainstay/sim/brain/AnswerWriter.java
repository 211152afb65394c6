package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;

/** Writes the text the simulated model says: the short line before tool calls and the final answer. */
final class AnswerWriter {
    private AnswerWriter() {}

    /** "I'll calculate 17.5% of 2,340 and check the weather in Lisbon." — before the first round of tool calls. */
    static String intro(List<Plan.Step> steps, boolean firstRound) {
        var actions = steps.stream().map(step -> action(step.intent(), !firstRound)).toList();
        return (firstRound ? "I'll " : "Now I'll ") + Words.joinAnd(actions) + ".";
    }

    /** The final answer: one paragraph per planned step in the order asked, then what could not be done. */
    static String finalAnswer(Plan plan, Progress progress) {
        var paragraphs = new ArrayList<String>();
        for (var step : plan.steps()) {
            var result = progress.result(step);
            if (result.isPresent()) {
                paragraphs.add(Findings.describe(step.intent(), result.get()));
            } else if (step.dependent()) {
                var source = plan.step(step.source());
                progress.result(source).ifPresent(r -> paragraphs.add(Findings.skipped(source.intent(), r)));
            }
        }
        for (var intent : plan.unavailable()) {
            paragraphs.add("I can't " + action(intent, false) + " because no " + intent.tool() + " tool is available.");
        }
        paragraphs.addAll(plan.remarks());
        return String.join("\n\n", paragraphs);
    }

    private static String action(Intent intent, boolean followUp) {
        return switch (intent) {
            case Intent.Calculate calc -> "calculate " + calc.display()
                    + calc.precision().map(p -> " " + p.wording()).orElse("");
            case Intent.Weather weather -> "check the weather in " + weather.location() + weather.window().phrase();
            case Intent.Search search -> "search the web for " + Words.quoted(search.query());
            case Intent.SaveNote save -> "save a note titled " + Words.quoted(save.title());
            case Intent.SaveResult save -> (followUp ? "save that in a note" : "save a note with what I find")
                    + (save.title().isEmpty() ? "" : " titled " + Words.quoted(save.title()));
            case Intent.ListNotes ignored -> "list your notes";
            case Intent.ReadNote read -> "read your note " + Words.quoted(read.title());
        };
    }
}
