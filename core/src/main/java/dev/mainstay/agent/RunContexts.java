package dev.mainstay.agent;

import dev.mainstay.event.internal.RunEvents;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.policy.LabeledContext;
import dev.mainstay.time.Cancellation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * A run's context as its journal folds it, every block labelled with its provenance — the same fold a resumed run
 * makes, so this is what the run's policy saw. For audits, the API's run view and tests.
 */
public final class RunContexts {
    private RunContexts() {}

    /**
     * @param agent the run's agent: tool results take the trust its tools declare
     * @param entries the run's journal, starting with its {@link RunOpened}
     * @throws IllegalArgumentException when the entries do not start with a run's opening
     */
    public static LabeledContext of(AgentSpec agent, List<? extends JournalEntry> entries) {
        if (entries.isEmpty() || !(entries.getFirst() instanceof RunOpened opened)) {
            throw new IllegalArgumentException("a run's journal starts with its opening");
        }
        var clock = InstantSource.fixed(Instant.EPOCH);
        var request = opened.request();
        var state = new RunState(agent, request, RunControl.of(request.runId(), Cancellation.NEVER),
                new InMemoryJournal(1), clock,
                new RunEmitter(RunEvents.none(), clock, request.runId(), request.tenantId(), 1), Instant.EPOCH);
        entries.forEach(state::restore);
        return RunSecurity.context(state);
    }
}
