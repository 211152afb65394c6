package dev.mainstay.agent;

import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolResultBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Rebuilds a run's conversation from its journal, so a run resumed on any worker continues where it stopped:
 * completed model calls are not repeated and journaled tool results are reused, never run again.
 */
final class JournalReplay {
    private JournalReplay() {}

    /** Restores {@code state} from {@code entries} and says what the loop does next. */
    static Next restore(RunState state, List<JournalEntry> entries) {
        state.messages.add(Message.user(state.request.task()));
        var toolSteps = new HashMap<String, ToolStep>();
        for (var entry : entries) {
            if (entry instanceof ToolStep tool) {
                toolSteps.put(tool.toolUseId(), tool);
            }
        }
        Next next = new Next.CallModel();
        for (var entry : entries) {
            if (!(entry instanceof ModelStep model) || model.response().isEmpty()) {
                continue;
            }
            var response = model.response().get();
            state.modelCalls = Math.max(state.modelCalls, model.step());
            state.usage = state.usage.plus(model.usage());
            state.cost = state.cost.plus(model.cost());
            if (!response.text().isBlank()) {
                state.lastText = response.text();
            }
            if (!response.content().isEmpty()) {
                state.messages.add(Message.assistant(response.content()));
            }
            var uses = response.toolUses();
            if (uses.isEmpty() || !response.stopReason().equals(StopReason.TOOL_USE)) {
                next = ModelTurn.decide(response, model.step());
                continue;
            }
            var results = new ArrayList<ContentBlock>();
            for (var use : uses) {
                var done = toolSteps.get(use.id());
                if (done == null) {
                    return new Next.RunTools(response, model.step());
                }
                results.add(new ToolResultBlock(use.id(), done.result().content(), done.result().isError()));
            }
            state.messages.add(new Message(Role.USER, results));
            next = new Next.CallModel();
        }
        return next;
    }
}
