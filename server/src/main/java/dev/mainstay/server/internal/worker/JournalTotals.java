package dev.mainstay.server.internal.worker;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.model.Usage;
import java.util.List;

/**
 * What a run's journal says about the run so far, for a worker that ends a run its loop could not end: whether the
 * loop opened and closed the journal, its model calls, and the usage and cost they billed — counted as the loop's fold
 * counts them (the opening's compaction summary, then every model step).
 */
record JournalTotals(boolean opened, boolean closed, int modelCalls, Usage usage, Cost cost) {
    static JournalTotals of(List<Recorded> journal) {
        boolean opened = false;
        boolean closed = false;
        int modelCalls = 0;
        var usage = Usage.ZERO;
        var cost = Cost.ZERO;
        for (var recorded : journal) {
            switch (recorded.entry()) {
                case RunOpened opening -> {
                    opened = true;
                    if (opening.compaction().isPresent()) {
                        usage = usage.plus(opening.compaction().get().usage());
                        cost = cost.plus(opening.compaction().get().cost());
                    }
                }
                case ModelStep step -> {
                    modelCalls = Math.max(modelCalls, step.step());
                    usage = usage.plus(step.usage());
                    cost = cost.plus(step.cost());
                }
                case RunClosed ignored -> closed = true;
                default -> { }
            }
        }
        return new JournalTotals(opened, closed, modelCalls, usage, cost);
    }
}
