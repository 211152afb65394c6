package dev.mainstay.app.report;

import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.store.RunRecord;
import java.time.Instant;
import java.util.List;

/** A stored run for people: where it is, what it answered, each step, tokens and cost. Pure functions. */
public final class StoredRunReport {
    private StoredRunReport() {}

    /** One line per run, for {@code mainstay runs list}. */
    public static String header() {
        return String.format("%-26s %-10s %-18s %-16s %-20s %s", "ID", "STATUS", "TENANT", "USER", "CREATED", "INPUT");
    }

    public static String line(RunRecord run, String tenantName) {
        return String.format("%-26s %-10s %-18s %-16s %-20s %s", run.id(), run.status().wire(), tenantName,
                run.userId(), minute(run.createdAt()), shorten(run.input(), 60));
    }

    public static String text(RunRecord run, String tenantName, List<Recorded> journal) {
        var out = new StringBuilder();
        out.append("Run: ").append(run.id()).append(" (tenant ").append(tenantName).append(", user ")
                .append(run.userId()).append(run.conversationId().map(c -> ", conversation " + c).orElse(""))
                .append(")\n");
        out.append("Status: ").append(run.status().wire())
                .append(run.stopReason().map(r -> " (" + r.wire() + ")").orElse(""))
                .append(run.error().map(e -> " — " + e.code() + ": " + e.message()).orElse("")).append('\n');
        out.append("Input: ").append(run.input().strip()).append('\n');
        out.append("Output: ").append(run.output().filter(o -> !o.isBlank()).map(String::strip).orElse("(none)"))
                .append('\n');
        out.append("Created: ").append(run.createdAt()).append(run.startedAt().map(s -> ", started " + s).orElse(""))
                .append(run.finishedAt().map(f -> ", finished " + f).orElse("")).append(", attempts ")
                .append(run.attempts()).append('\n');
        out.append("Steps:\n");
        for (var recorded : journal) {
            switch (recorded.entry()) {
                case ModelStep m -> out.append(String.format("  %d. model %s%s  in=%d out=%d  %d ms%n", m.step(),
                        m.model(), m.response().map(r -> " → " + r.stopReason()).orElse(
                                " → failed: " + m.error().map(e -> e.code()).orElse("?")),
                        m.usage().inputTokens(), m.usage().outputTokens(), m.duration().toMillis()));
                case ToolStep t -> out.append(String.format("     tool %s %s%s → %s  %d ms%s%n", t.tool(), t.input(),
                        t.result().isError() ? " [error]" : "", shorten(t.result().content(),
                                RunReport.TEXT_OUTPUT_LIMIT), t.duration().toMillis(),
                        t.resolution() == ToolStep.Resolution.RAN ? "" : " (" + t.resolution().name()
                                .toLowerCase(java.util.Locale.ROOT) + ")"));
                default -> {
                    // the opening, intents and the closing are not steps
                }
            }
        }
        // the journal keeps the cache writes split by TTL; the stored totals have one column for them
        var fromJournal = dev.mainstay.model.Usage.ZERO;
        for (var recorded : journal) {
            if (recorded.entry() instanceof ModelStep m) {
                fromJournal = fromJournal.plus(m.usage());
            }
        }
        out.append(CostText.tokens(fromJournal.totalTokens() == run.usage().totalTokens() ? fromJournal : run.usage()));
        out.append(CostText.cost(run.cost(), CostText.priceTables(journal.stream().map(Recorded::entry).toList())));
        return out.toString();
    }

    private static String minute(Instant at) {
        return at.toString().replaceAll("T(\\d\\d:\\d\\d).*", " $1");
    }

    private static String shorten(String text, int limit) {
        var oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= limit ? oneLine : oneLine.substring(0, limit) + "…";
    }
}
