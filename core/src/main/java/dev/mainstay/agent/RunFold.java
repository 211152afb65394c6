package dev.mainstay.agent;

import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.PolicyEntry;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.run.RunStopReason;
import java.util.List;

/**
 * The one fold of journal entries into {@link RunState}, and the one place that decides what a run does next. The
 * live run folds each entry as it appends it; a resumed run folds the entries it reads back. So the two cannot
 * disagree: a resumed run is in exactly the state the live run was in after its last journaled entry.
 */
final class RunFold {
    private RunFold() {}

    static void apply(RunState state, JournalEntry entry) {
        switch (entry) {
            case RunOpened opened -> {
                state.open(opened);
                state.messages.addAll(opened.startingMessages());
                opened.compaction().ifPresent(c -> {
                    state.usage = state.usage.plus(c.usage());
                    state.cost = state.cost.plus(c.cost());
                });
            }
            case ModelStep step -> model(state, step);
            case ToolIntent intent -> {
                if (state.pending != null) {
                    state.pending.intent(intent.toolUseId());
                }
            }
            case ToolStep step -> tool(state, step);
            case RunClosed closed -> state.closed = closed;
            case PolicyEntry policy -> {
                if (!(policy instanceof dev.mainstay.journal.PlanFixed)) {
                    state.entries.add(policy); // verdicts and decisions are steps; the plan is the run's, like its opening
                }
                state.security.fold(state, policy);
            }
        }
    }

    /** What the run does next, given everything folded so far. */
    static Next next(RunState state) {
        if (state.closed != null) {
            return new Next.Finish(state.closed.reason(), state.closed.error());
        }
        var stop = state.security.stop();
        if (stop != null) {
            return stop;
        }
        if (state.pending != null) {
            boolean runnable = !state.pending.open(state.security::awaiting).isEmpty();
            return runnable ? new Next.RunTools() : new Next.Suspend();
        }
        return state.decision == null ? new Next.CallModel() : state.decision;
    }

    private static void model(RunState state, ModelStep step) {
        state.entries.add(step);
        state.modelCalls = Math.max(state.modelCalls, step.step());
        state.usage = state.usage.plus(step.usage());
        state.cost = state.cost.plus(step.cost());
        if (step.response().isEmpty()) {
            // a failed call the run went on from (a stream restart), or the last thing a crashed worker wrote:
            // either way the run calls the model again, unless a RunClosed follows
            state.streamRestarts++;
            state.decision = new Next.CallModel();
            return;
        }
        var response = step.response().get();
        var text = response.text(); // each of these walks the content: once per answer
        if (!text.isBlank()) {
            state.lastText = text;
        }
        if (!response.content().isEmpty()) {
            state.messages.add(Message.assistant(response.content()));
        }
        var uses = response.toolUses();
        if (wantsTools(response, uses)) {
            state.pending = new PendingTools(step.step(), uses);
            state.decision = null;
        } else {
            state.decision = decide(response);
        }
    }

    private static void tool(RunState state, ToolStep step) {
        state.entries.add(step);
        var pending = state.pending;
        if (pending == null) {
            return;
        }
        pending.record(step);
        if (pending.complete()) {
            state.messages.add(pending.resultsMessage());
            state.pending = null;
            state.decision = new Next.CallModel();
        }
    }

    /**
     * Whether an answer asks for tools: it holds tool_use blocks and stopped for them — or stopped for a reason this
     * Mainstay does not know, which is taken to mean the same rather than dropping the calls.
     */
    private static boolean wantsTools(ModelResponse response, List<ToolUseBlock> uses) {
        var reason = response.stopReason();
        return !uses.isEmpty() && (reason.equals(StopReason.TOOL_USE) || !reason.isKnown());
    }

    /** What an answer that asks for no tools means for the run. */
    private static Next decide(ModelResponse response) {
        var reason = response.stopReason();
        if (reason.equals(StopReason.MAX_TOKENS)) {
            return Next.Finish.because(RunStopReason.MAX_TOKENS);
        }
        if (reason.equals(StopReason.REFUSAL)) {
            return Next.Finish.because(RunStopReason.REFUSAL);
        }
        if (reason.equals(StopReason.PAUSE_TURN) && !response.content().isEmpty()) {
            return new Next.CallModel();
        }
        return Next.Finish.because(RunStopReason.COMPLETED);
    }
}
