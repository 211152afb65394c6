package dev.mainstay.agent;

import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The tool calls one model answer asked for, and what the journal holds of each: an intent, an outcome, or nothing
 * yet. Once every call has an outcome, {@link #resultsMessage()} is the user message that hands the results back,
 * in the model's order. Confined to the run's thread except {@link #record}, which is synchronized.
 */
final class PendingTools {
    final int step;
    final List<ToolUseBlock> uses;
    private final Map<String, ToolStep> outcomes = new HashMap<>();
    private final Set<String> intents = new HashSet<>();

    PendingTools(int step, List<ToolUseBlock> uses) {
        this.step = step;
        this.uses = List.copyOf(uses);
    }

    synchronized void intent(String toolUseId) {
        intents.add(toolUseId);
    }

    synchronized void record(ToolStep outcome) {
        outcomes.put(outcome.toolUseId(), outcome);
    }

    synchronized boolean hasIntent(String toolUseId) {
        return intents.contains(toolUseId);
    }

    synchronized Optional<ToolStep> outcome(String toolUseId) {
        return Optional.ofNullable(outcomes.get(toolUseId));
    }

    synchronized boolean complete() {
        return outcomes.size() >= uses.size() && open(NOTHING_HELD).isEmpty();
    }

    /** The calls without an outcome that {@code held} (by tool_use id) does not hold back, in the model's order. */
    synchronized List<ToolUseBlock> open(Predicate<String> held) {
        List<ToolUseBlock> open = null;
        for (var use : uses) {
            if (!outcomes.containsKey(use.id()) && !held.test(use.id())) {
                if (open == null) {
                    open = new ArrayList<>(uses.size());
                }
                open.add(use);
            }
        }
        return open == null ? List.of() : open;
    }

    private static final Predicate<String> NOTHING_HELD = id -> false;

    synchronized Message resultsMessage() {
        var blocks = new ArrayList<ContentBlock>(uses.size());
        for (var use : uses) {
            var result = outcomes.get(use.id()).result();
            blocks.add(new ToolResultBlock(use.id(), result.content(), result.isError()));
        }
        return new Message(Role.USER, blocks);
    }
}
