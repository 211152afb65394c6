package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;

/**
 * The tool calls a task needs, grouped in rounds: independent steps share round 0 and go out together in one
 * response; a step that uses another's result ("save a note with the answer") comes one round after its source.
 * A note said to be about a topic ("write a note about the dentist") saves the step before it when there is one,
 * and the topic itself otherwise.
 *
 * @param unavailable intents whose tool the request does not declare, so the answer can say so
 * @param remarks sentences the final answer must include (questions back, notes saved nowhere, requests no tool
 *     can carry out)
 */
record Plan(List<Step> steps, List<Intent> unavailable, List<String> remarks) {
    /** One planned tool call; {@code source} is the index of the step whose result it uses, or -1. */
    record Step(int index, Intent intent, int round, int source) {
        boolean dependent() {
            return source >= 0;
        }

        String tool() {
            return intent.tool();
        }
    }

    Plan {
        steps = List.copyOf(steps);
        unavailable = List.copyOf(unavailable);
        remarks = List.copyOf(remarks);
    }

    static Plan of(IntentParser.Parsed parsed, Conversation conversation) {
        var steps = new ArrayList<Step>();
        var unavailable = new ArrayList<Intent>();
        var remarks = new ArrayList<>(parsed.clarifications());
        remarks.addAll(parsed.unsupported());
        Intent lastProducer = null;
        Step lastProducerStep = null;
        for (var asked : parsed.intents()) {
            var intent = asked;
            boolean declared = conversation.declares(intent.tool());
            if (intent instanceof Intent.SaveResult save && lastProducer == null && !save.topic().isEmpty()) {
                intent = new Intent.SaveNote(save.title().isEmpty() ? NoteTitles.fromText(save.topic()) : save.title(),
                        Words.capitalise(save.topic()));
            }
            if (intent instanceof Intent.SaveResult save) {
                if (lastProducer == null) {
                    remarks.add(save.title().isEmpty() ? "What should the note say?"
                            : "What should the note titled " + Words.quoted(save.title()) + " say?");
                } else if (!declared) {
                    unavailable.add(intent);
                } else if (lastProducerStep == null) {
                    remarks.add("I didn't save a note because I couldn't get the information to put in it.");
                } else {
                    steps.add(new Step(steps.size(), intent, lastProducerStep.round() + 1, lastProducerStep.index()));
                }
                continue;
            }
            Step step = null;
            if (declared) {
                step = new Step(steps.size(), intent, 0, -1);
                steps.add(step);
            } else {
                unavailable.add(intent);
            }
            if (!(intent instanceof Intent.SaveNote)) {
                lastProducer = intent;
                lastProducerStep = step;
            }
        }
        return new Plan(steps, unavailable, remarks);
    }

    boolean isEmpty() {
        return steps.isEmpty() && unavailable.isEmpty() && remarks.isEmpty();
    }

    Step step(int index) {
        return steps.get(index);
    }

    int rounds() {
        return steps.stream().mapToInt(Step::round).max().orElse(-1) + 1;
    }
}
