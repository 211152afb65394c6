package dev.mainstay.bench.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The crash suite's findings as Markdown, and whether every target was met. */
record Report(String markdown, boolean targetsMet) {
    static Report of(CrashSuiteMain.Settings s, CrashSuiteMain.Burst burst, Duration elapsed, int accepted, int postRetries,
            List<String> incidents, CrashSuiteMain.Recovery recovery, CrashDatabase.Counts counts,
            List<SseFollower.Outcome> streams, Path logs) {
        var sorted = new ArrayList<>(recovery.claims());
        sorted.sort(null);
        long p50 = percentile(sorted, 0.50);
        long p99 = percentile(sorted, 0.99);
        long max = sorted.isEmpty() ? 0 : sorted.getLast();
        int unrecovered = recovery.unclaimed().get();
        var resumes = new ArrayList<>(recovery.resumes());
        resumes.sort(null);
        long resumeP99 = percentile(resumes, 0.99);
        int unresumed = recovery.unresumed().get();
        long complete = streams.stream().filter(SseFollower.Outcome::complete).count();
        int reconnects = streams.stream().mapToInt(SseFollower.Outcome::reconnects).sum();
        long events = streams.stream().mapToLong(o -> o.ids().size()).sum();
        boolean lostOk = counts.lost() == 0;
        boolean duplicatesOk = counts.duplicateNotes() == 0 && counts.noteWrites() == accepted
                && counts.saveOutcomes() == accepted;
        boolean ambiguousOk = counts.intentsWithoutOutcome() == 0;
        boolean streamsOk = complete == streams.size();
        boolean recoveryOk = unrecovered == 0 && p99 <= CrashSuiteMain.RECOVERY_TARGET.toMillis();
        boolean resumeOk = unresumed == 0 && resumeP99 <= CrashSuiteMain.RECOVERY_TARGET.toMillis();
        var md = new StringBuilder();
        md.append("## Crash suite on ").append(s.variant()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d runs accepted (%d at most in flight), simulator latency %s per model "
                + "call, %d workers per node, %s, a node drawn at random killed about every %s (0.7 to 1.3 times it, at random); %s in all. POST retries "
                + "on another node (same Idempotency-Key): %d.%n%n", accepted, s.inFlight(), s.latency(), s.workers(),
                s.inProcess() ? "two nodes in one process on one store (a kill cuts a node off from the store and "
                        + "its clients; an emulation, not a SIGKILL)" : "two `serve` processes",
                s.killEvery().toSeconds() + " s", seconds(elapsed), postRetries));
        boolean burstOk = burst.runsCreated() == 1 && burst.distinctIds() == 1 && burst.changedBody() == 422;
        md.append(String.format(Locale.ROOT, "Idempotency burst first: %d concurrent `POST /v1/runs` with one "
                + "`Idempotency-Key`, alternating between the two nodes, answered %s (status: count; -1: no answer); %d run created, %d distinct run "
                + "id returned; the same key with a changed body answered %d.%n%n", burst.posts(), burst.statuses(),
                burst.runsCreated(), burst.distinctIds(), burst.changedBody()));
        md.append("Incidents:\n\n");
        incidents.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append("\n| target | required | measured | met |\n|---|---|---|---|\n");
        row(md, "1,000 concurrent POSTs with one key → runs; changed body → status", "1; 422",
                burst.runsCreated() + "; " + burst.changedBody(), burstOk);
        row(md, "accepted runs lost (not succeeded)", "0", Integer.toString(counts.lost()), lostOk);
        row(md, "duplicate `save_note` executions", "0", counts.duplicateNotes() + " titles written twice; "
                + counts.noteWrites() + " note_writes and " + counts.saveOutcomes() + " save_note outcomes for "
                + accepted + " runs", duplicatesOk);
        row(md, "side-effect intents left without an outcome", "0", counts.intentsWithoutOutcome() + " (reconciled "
                + counts.reconciled() + ", recorded unknown " + counts.unknown() + ")", ambiguousOk);
        row(md, "followed streams complete, no gap, no duplicate", streams.size() + " of " + streams.size(),
                complete + " of " + streams.size() + " (" + events + " events, " + reconnects + " reconnects)",
                streamsOk);
        row(md, "node death → its runs claimed elsewhere, p99", "≤ 15 s", String.format(Locale.ROOT,
                "p50 %.1f s, p99 %.1f s, max %.1f s over %d runs; %d never moved", p50 / 1000.0, p99 / 1000.0,
                max / 1000.0, sorted.size(), unrecovered), recoveryOk);
        row(md, "node death → its runs resuming elsewhere (another node's first journal entry, or the run's end), p99",
                "≤ 15 s", String.format(Locale.ROOT, "p50 %.1f s, p99 %.1f s, max %.1f s over %d runs; %d never resumed",
                        percentile(resumes, 0.50) / 1000.0, resumeP99 / 1000.0,
                        (resumes.isEmpty() ? 0 : resumes.getLast()) / 1000.0, resumes.size(), unresumed), resumeOk);
        md.append("\nRuns by status: ").append(counts.byStatus()).append("; runs that moved to another worker: ")
                .append(counts.moved()).append(".\n\nNode logs: `").append(logs).append("`.\n");
        return new Report(md.toString(), burstOk && lostOk && duplicatesOk && ambiguousOk && streamsOk && recoveryOk
                && resumeOk);
    }

    private static void row(StringBuilder md, String target, String required, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(required).append(" | ").append(measured).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
    }
}
