package dev.mainstay.sim.brain;

import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * One turn of the scripted model: answer a message in another language with {@link Language#ENGLISH_ONLY}; else
 * derive the plan from the task, see which steps the conversation already carried out, then either call the next
 * round of tools or write the final answer from the results.
 */
final class ScriptedTurn {
    private ScriptedTurn() {}

    static Reply reply(Conversation conversation, long seed, ParsedTasks tasks) {
        if (!Language.isEnglish(conversation.task())) {
            return TokenBudget.text(Language.ENGLISH_ONLY, conversation.maxTokens());
        }
        var parsed = tasks.parse(conversation.task());
        var plan = Plan.of(parsed, conversation);
        if (plan.isEmpty()) {
            return TokenBudget.text(SmallTalk.answer(conversation, seed), conversation.maxTokens());
        }
        var progress = Progress.of(plan, conversation.exchanges());
        var pending = pending(plan, progress);
        if (!pending.isEmpty()) {
            var ids = new ToolUseIds(seed, conversation.request());
            var uses = new ArrayList<ToolUseBlock>();
            for (var step : pending) {
                uses.add(new ToolUseBlock(ids.id(uses.size()), step.tool(),
                        StepInputs.of(step, plan, progress, conversation)));
            }
            boolean firstRound = plan.steps().stream().noneMatch(progress::isDone);
            return TokenBudget.toolUse(AnswerWriter.intro(pending, firstRound), uses, conversation.maxTokens());
        }
        var recovery = NoteRecovery.next(plan, progress, conversation);
        if (recovery.isPresent()) {
            var use = new ToolUseBlock(new ToolUseIds(seed, conversation.request()).id(0), recovery.get().tool(),
                    StepInputs.direct(recovery.get()));
            return TokenBudget.toolUse(NoteRecovery.intro(recovery.get()), List.of(use), conversation.maxTokens());
        }
        var answer = AnswerWriter.finalAnswer(plan, progress);
        if (plan.steps().isEmpty() && plan.unavailable().isEmpty() && !parsed.unsupported().isEmpty()) {
            answer = (answer + " " + SmallTalk.offer(conversation)).strip();
        }
        return TokenBudget.text(answer.isBlank() ? "Done." : answer, conversation.maxTokens());
    }

    /** The not-yet-run steps of the earliest round that has any, leaving out steps whose source gave nothing. */
    static List<Plan.Step> pending(Plan plan, Progress progress) {
        for (int round = 0; round < plan.rounds(); round++) {
            var steps = new ArrayList<Plan.Step>();
            for (var step : plan.steps()) {
                if (step.round() == round && !progress.isDone(step) && !skipped(step, plan, progress)) {
                    steps.add(step);
                }
            }
            if (!steps.isEmpty()) {
                return steps;
            }
        }
        return List.of();
    }

    private static boolean skipped(Plan.Step step, Plan plan, Progress progress) {
        if (!step.dependent()) {
            return false;
        }
        var source = plan.step(step.source());
        var result = progress.result(source);
        return result.isEmpty() || Findings.noteBody(source.intent(), result.get()).isEmpty();
    }
}
