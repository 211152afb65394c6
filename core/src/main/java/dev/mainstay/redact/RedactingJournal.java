package dev.mainstay.redact;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunOpened;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal that stores content redacted as each run's tenant asks ({@link TenantRedaction#forStored}). Thread-safe.
 *
 * <p>The trade-off, stated plainly: the live run keeps the unredacted text in memory, but a run <em>resumed</em> from
 * this journal reads the redacted one, so after a crash the model sees {@code [REDACTED:email]} where it saw an
 * address. Completed steps are never re-executed, so nothing is done twice; a task that needs the redacted value
 * after a resume cannot finish it. Tenants that need exact resumes keep stored redaction off.
 */
public final class RedactingJournal implements Journal {
    private static final int MAX_REMEMBERED = 10_000;

    private final Journal delegate;
    private final TenantRedaction redaction;
    private final Map<String, String> tenantOf = new ConcurrentHashMap<>();

    public RedactingJournal(Journal delegate, TenantRedaction redaction) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    @Override
    public long append(Fence fence, JournalEntry entry) {
        if (entry instanceof RunOpened opened) {
            remember(fence.runId(), opened);
        }
        var redactor = redaction.forStored(tenant(fence.runId(), entry));
        return delegate.append(fence, ContentRedaction.redact(entry, redactor));
    }

    @Override
    public long appendAll(Fence fence, List<? extends JournalEntry> entries) {
        for (var entry : entries) {
            if (entry instanceof RunOpened opened) {
                remember(fence.runId(), opened);
            }
        }
        var redacted = new java.util.ArrayList<JournalEntry>(entries.size());
        for (var entry : entries) {
            redacted.add(ContentRedaction.redact(entry, redaction.forStored(tenant(fence.runId(), entry))));
        }
        return delegate.appendAll(fence, redacted);
    }

    @Override
    public List<Recorded> read(String runId) {
        return delegate.read(runId);
    }

    private void remember(String runId, RunOpened opened) {
        if (tenantOf.size() >= MAX_REMEMBERED) {
            tenantOf.clear(); // a forgotten run is looked up again from its opening
        }
        tenantOf.put(runId, opened.request().tenantId());
    }

    private String tenant(String runId, JournalEntry entry) {
        var known = tenantOf.get(runId);
        if (known != null) {
            return known;
        }
        var first = delegate.read(runId).stream().findFirst().map(Recorded::entry)
                .filter(RunOpened.class::isInstance).map(e -> ((RunOpened) e).request().tenantId());
        first.ifPresent(t -> tenantOf.put(runId, t));
        return first.orElse(dev.mainstay.run.RunRequest.DEFAULT_TENANT);
    }
}
