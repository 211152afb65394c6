package dev.mainstay.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.Failover;
import dev.mainstay.model.Usage;
import dev.mainstay.store.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's timeline, read from its journal: every model call and tool call with its start and end as offsets from the
 * run's start, what it was (model or tool), the routing rule that chose a call's model, tokens, cost, the endpoints
 * a call fell back from and why, its error and the node that ran it — the trace waterfall of a run, available
 * without any tracing
 * backend, for any run the store still holds.
 * {@code GET /v1/runs/{id}/timeline}; {@code mainstay runs show ID} draws it. Pure.
 *
 * @param start when the run was opened (its first execution), or the row's creation for a run not yet started
 * @param queued how long the run waited before it was opened, when known
 */
public record RunTimeline(String runId, Instant start, Optional<Duration> queued, Optional<Duration> total,
        List<Entry> entries) {
    public RunTimeline {
        entries = List.copyOf(entries);
    }

    /**
     * One step of the timeline. {@code kind} is {@code model}, {@code tool} or {@code compaction} (the history was
     * compacted before the first model call: step 0, {@code name} the policy, the summary call's usage and cost,
     * {@code detail} what was replaced); {@code name} the model or tool;
     * {@code route} the routing rule that chose a model call's model (e.g. {@code tool=web_search}), empty when none
     * did and for tool calls.
     *
     * @param cacheHit whether the response cache answered this model call (nothing sent, nothing billed)
     * @param retries for a model call, the attempts beyond the first that the journal shows: the larger of the billed
     *     attempts and the failovers plus one, minus one (0 for a tool call and for a call answered first time)
     * @param node the node (worker) that ran the step — the one whose claim journaled it; empty when the store did
     *     not record it (entries written before it did, or a journal without a store)
     */
    public record Entry(int step, String kind, String name, Duration startOffset, Duration endOffset, Usage usage,
            Cost cost, List<Failover> failovers, Optional<StepError> error, String detail, int retries, String route,
            boolean cacheHit, String node) {
        public Entry {
            failovers = List.copyOf(failovers);
            java.util.Objects.requireNonNull(route, "route");
            java.util.Objects.requireNonNull(node, "node");
            if (retries < 0) {
                throw new IllegalArgumentException("retries cannot be negative, but was " + retries);
            }
        }

        /** An entry the response cache did not answer, on a node that is not known. */
        public Entry(int step, String kind, String name, Duration startOffset, Duration endOffset, Usage usage,
                Cost cost, List<Failover> failovers, Optional<StepError> error, String detail, int retries,
                String route) {
            this(step, kind, name, startOffset, endOffset, usage, cost, failovers, error, detail, retries, route,
                    false, "");
        }

        /** An entry on a node that is not known. */
        public Entry(int step, String kind, String name, Duration startOffset, Duration endOffset, Usage usage,
                Cost cost, List<Failover> failovers, Optional<StepError> error, String detail, int retries,
                String route, boolean cacheHit) {
            this(step, kind, name, startOffset, endOffset, usage, cost, failovers, error, detail, retries, route,
                    cacheHit, "");
        }

        /** An entry the response cache did not answer. */
        public Entry(int step, String kind, String name, Duration startOffset, Duration endOffset, Usage usage,
                Cost cost, List<Failover> failovers, Optional<StepError> error, String detail, int retries,
                String route, String node) {
            this(step, kind, name, startOffset, endOffset, usage, cost, failovers, error, detail, retries, route,
                    false, node);
        }

        /** An entry without retries that no routing rule chose (a tool call, or a model call answered first time). */
        public Entry(int step, String kind, String name, Duration startOffset, Duration endOffset, Usage usage,
                Cost cost, List<Failover> failovers, Optional<StepError> error, String detail) {
            this(step, kind, name, startOffset, endOffset, usage, cost, failovers, error, detail, 0, "", false, "");
        }

        public Duration duration() {
            return endOffset.minus(startOffset);
        }
    }

    /** The timeline without nodes (a journal read without the store's record of who wrote it). */
    public static RunTimeline of(RunRecord run, List<Recorded> journal) {
        return of(run, journal, java.util.Map.of());
    }

    /**
     * The timeline, each step naming its node from {@code nodes} ({@link dev.mainstay.store.Store#journalNodes}: the
     * node that appended each journal entry, by sequence number).
     */
    public static RunTimeline of(RunRecord run, List<Recorded> journal, java.util.Map<Long, String> nodes) {
        Instant opened = null;
        Instant closed = null;
        var entries = new ArrayList<Entry>();
        for (var recorded : journal) {
            switch (recorded.entry()) {
                case RunOpened o -> opened = opened == null ? o.at() : opened;
                case RunClosed c -> closed = c.at();
                default -> {
                    // steps below; intents and later entry kinds are not steps of the timeline
                }
            }
        }
        var start = opened != null ? opened : run.startedAt().orElse(run.createdAt());
        for (var recorded : journal) {
            if (recorded.entry() instanceof RunOpened o && o.compaction().isPresent()) {
                var c = o.compaction().get();
                entries.add(new Entry(0, "compaction", c.policy().wire(), Duration.ZERO, Duration.ZERO, c.usage(),
                        c.cost(), List.of(), Optional.empty(), "history messages " + c.from() + "-" + (c.to() - 1)
                                + " of " + o.request().history().size() + " " + (c.replacement().isEmpty()
                                        ? "dropped" : "summarised by " + c.model()) + ", ~" + c.tokensBefore()
                                + " → ~" + c.tokensAfter() + " tokens", 0, "", false,
                        nodes.getOrDefault(recorded.seq(), "")));
            } else if (recorded.entry() instanceof ModelStep m) {
                entries.add(new Entry(m.step(), "model", m.model(), offset(start, m.startedAt()),
                        offset(start, m.startedAt().plus(m.duration())), m.usage(), m.cost(), m.failovers(), m.error(),
                        m.response().map(r -> r.stopReason().value()).orElse(""), retries(m), m.route(),
                        m.cacheHit(), nodes.getOrDefault(recorded.seq(), "")));
            } else if (recorded.entry() instanceof ToolStep t) {
                entries.add(new Entry(t.step(), "tool", t.tool(), offset(start, t.startedAt()),
                        offset(start, t.startedAt().plus(t.duration())), Usage.ZERO, Cost.ZERO, List.of(), t.error(),
                        t.resolution() == ToolStep.Resolution.RAN ? (t.result().isError() ? "error" : "ok")
                                : t.resolution().name().toLowerCase(java.util.Locale.ROOT), 0, "",
                        nodes.getOrDefault(recorded.seq(), "")));
            }
        }
        var queued = opened == null ? Optional.<Duration>empty() : Optional.of(offset(run.createdAt(), opened));
        var end = closed != null ? Optional.of(closed) : run.finishedAt();
        return new RunTimeline(run.id(), start, queued, end.map(e -> offset(start, e)), entries);
    }

    public ObjectNode toJson() {
        var node = Json.object().put("object", "run.timeline").put("run_id", runId).put("start", start.toString());
        queued.ifPresentOrElse(q -> node.put("queued_ms", q.toMillis()), () -> node.putNull("queued_ms"));
        total.ifPresentOrElse(t -> node.put("duration_ms", t.toMillis()), () -> node.putNull("duration_ms"));
        var array = node.putArray("entries");
        for (var e : entries) {
            var item = array.addObject().put("step", e.step()).put("kind", e.kind()).put("name", e.name())
                    .put("start_ms", e.startOffset().toMillis()).put("end_ms", e.endOffset().toMillis())
                    .put("detail", e.detail()).put("retries", e.retries()).put("cache_hit", e.cacheHit());
            if (e.route().isEmpty()) {
                item.putNull("route");
            } else {
                item.put("route", e.route());
            }
            if (e.node().isEmpty()) {
                item.putNull("node");
            } else {
                item.put("node", e.node());
            }
            item.set("usage", RunDocument.usage(e.usage()));
            RunDocument.cost(item, e.cost());
            var fallbacks = item.putArray("failovers");
            e.failovers().forEach(f -> fallbacks.addObject().put("endpoint", f.endpoint()).put("model", f.model())
                    .put("code", f.code()));
            e.error().ifPresentOrElse(err -> item.putObject("error").put("code", err.code())
                    .put("message", err.message()), () -> item.putNull("error"));
        }
        return node;
    }

    /** Attempts beyond the first of one model call, as far as its journal entry records them. */
    static int retries(ModelStep m) {
        return Math.max(0, Math.max(m.billed().size(), m.failovers().size() + 1) - 1);
    }

    private static Duration offset(Instant start, Instant at) {
        var d = Duration.between(start, at);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
