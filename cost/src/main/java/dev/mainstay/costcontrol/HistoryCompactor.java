package dev.mainstay.costcontrol;

import dev.mainstay.context.Compactor;
import dev.mainstay.context.ContextCompactor;
import dev.mainstay.context.Summariser;
import dev.mainstay.journal.Compaction;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.run.RunRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a run's history by its {@link ContextBudget}: when the history and the task would pass the budget, the
 * oldest whole turns ({@link Compactor}) are dropped ({@code truncate}) or replaced by a summary exchange
 * ({@code summarise}): a user message holding the summary and the assistant's acknowledgement, so the messages still
 * alternate. A summary that cannot be written (the model failed, a budget refused it) falls back to truncation:
 * the run goes on, and the journal says which policy was applied. Thread-safe.
 */
public final class HistoryCompactor implements ContextCompactor {
    /** What the summary message opens with, so the model reads it as a summary rather than as the user's words. */
    public static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";
    static final String ACKNOWLEDGEMENT = "Understood.";

    private static final Logger log = LoggerFactory.getLogger(HistoryCompactor.class);

    private final ContextBudget budget;
    private final Optional<Summariser> summariser;

    /** @param summariser writes summaries; required for the {@code summarise} policy, ignored for {@code truncate} */
    public HistoryCompactor(ContextBudget budget, Optional<Summariser> summariser) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.summariser = Objects.requireNonNull(summariser, "summariser");
        if (budget.policy() == Compaction.Policy.SUMMARISE && summariser.isEmpty()) {
            throw new IllegalArgumentException("the summarise policy needs a summariser");
        }
    }

    @Override
    public Optional<Compaction> compact(RunRequest request, CallContext context) {
        var history = request.history();
        var task = Message.user(request.task());
        if (budget.policy() == Compaction.Policy.SUMMARISE) {
            long reserve = TokenEstimator.estimateMessage(Message.user(SUMMARY_PREFIX))
                    + budget.summaryTokens() + TokenEstimator.estimateMessage(ack());
            var cut = Compactor.cut(history, task, budget.tokens(), budget.keepFirstTurn(), reserve);
            if (cut.isEmpty()) {
                return Optional.empty();
            }
            var c = cut.get();
            try {
                var summary = summariser.orElseThrow().summarise(history.subList(c.from(), c.to()), context);
                var replacement = List.of(Message.user(SUMMARY_PREFIX + summary.text()), ack());
                long after = c.tokensBefore() - tokens(history.subList(c.from(), c.to())) + tokens(replacement);
                return Optional.of(new Compaction(Compaction.Policy.SUMMARISE, c.from(), c.to(), replacement,
                        c.tokensBefore(), after, summary.model(), summary.usage(), summary.cost(), summary.billed()));
            } catch (RuntimeException e) {
                log.warn("run {}: the history could not be summarised ({}); truncating it instead", request.runId(),
                        e.getClass().getSimpleName());
            }
        }
        return Compactor.cut(history, task, budget.tokens(), budget.keepFirstTurn(), 0)
                .map(c -> Compaction.truncated(c.from(), c.to(), c.tokensBefore(), c.tokensAfter()));
    }

    private static Message ack() {
        return Message.assistant(List.of(new TextBlock(ACKNOWLEDGEMENT)));
    }

    private static long tokens(List<Message> messages) {
        long total = 0;
        for (var m : messages) {
            total += TokenEstimator.estimateMessage(m);
        }
        return total;
    }
}
