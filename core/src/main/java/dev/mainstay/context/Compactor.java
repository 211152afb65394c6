package dev.mainstay.context;

import dev.mainstay.model.Message;
import dev.mainstay.model.TokenEstimator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses which of a history's oldest turns to compact so that the history and the task fit a token budget. Pure:
 * the same history, task and budget always give the same cut.
 *
 * <p>The cut is a range of whole turns ({@link Turns}), so no tool_use is ever separated from its tool_result and
 * the messages still alternate user, assistant. It starts at the first turn (or the second, when the first user turn
 * is kept) and grows one turn at a time, oldest first, until what is left — plus {@code replacementTokens} for what
 * will stand in for the cut — fits. When nothing short of cutting every droppable turn fits, every droppable turn is
 * cut: the task itself is never dropped. Tokens are {@link TokenEstimator} estimates.
 */
public final class Compactor {
    private Compactor() {}

    /**
     * A range {@code [from, to)} of history messages to compact and the estimated tokens before and after.
     *
     * @param tokensAfter the estimate after the cut, counting {@code replacementTokens} for the replacement
     */
    public record Cut(int from, int to, long tokensBefore, long tokensAfter) {}

    /**
     * The cut that brings {@code history} and {@code task} within {@code budget} tokens; empty when they already fit,
     * or when there is no turn that may be cut.
     *
     * @param keepFirstTurn whether the first user turn (and the answers to it) stays, for the task it set
     * @param replacementTokens the tokens the replacement of the cut will take (0 for a truncation)
     */
    public static Optional<Cut> cut(List<Message> history, Message task, long budget, boolean keepFirstTurn,
            long replacementTokens) {
        long[] prefix = new long[history.size() + 1];
        for (int i = 0; i < history.size(); i++) {
            prefix[i + 1] = prefix[i] + TokenEstimator.estimateMessage(history.get(i));
        }
        long before = prefix[history.size()] + TokenEstimator.estimateMessage(task);
        if (before <= budget) {
            return Optional.empty();
        }
        var starts = Turns.starts(history);
        int first = keepFirstTurn ? 1 : 0;
        if (first >= starts.size()) {
            return Optional.empty();
        }
        int from = starts.get(first);
        for (int k = first + 1; k <= starts.size(); k++) {
            int to = k < starts.size() ? starts.get(k) : history.size();
            long after = before - (prefix[to] - prefix[from]) + replacementTokens;
            if (after <= budget || to == history.size()) {
                return Optional.of(new Cut(from, to, before, after));
            }
        }
        throw new AssertionError("the last turn ends the history");
    }
}
