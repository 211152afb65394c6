package dev.mainstay.store.internal;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.model.Usage;
import dev.mainstay.store.Ledger;
import dev.mainstay.time.IdGenerator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The ledger in the {@code cost_entries} table. {@link #record} is called by {@link DbJournal} inside the append's
 * transaction, after the fence check: the entries are inserted with {@code INSERT … SELECT … FROM runs}, taking the
 * attribution from the run's row, and {@code ON CONFLICT (run_id, step, attempt) DO NOTHING} keeps a step appended
 * twice from being charged twice. A model step's entries carry its step number; the summary call of a run's context
 * compaction (journaled in the run's opening, not in a model step) is charged as step {@value #COMPACTION_STEP}. A
 * response-cache hit bills nothing ({@code ModelStep.billed} is empty) and so writes no entry at all: usage counts
 * only what a provider billed. {@link #usage} is one {@code GROUP BY} over the range (index
 * {@code cost_entries_tenant_created} for a tenant's), plus, only when some entry was unpriced, a second query for
 * which models those were.
 */
final class DbLedger implements Ledger {
    /** The step number of a compaction summary's entries: the run's opening, before model step 1. */
    static final int COMPACTION_STEP = 0;

    /** Nanoseconds in a day: the entries' times divided by it are UTC day numbers, in both databases. */
    private static final long DAY_NANOS = 86_400_000_000_000L;

    private final Database db;
    private final IdGenerator ids;

    DbLedger(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    /** Writes one entry per billed attempt of {@code step}, on the append's handle; the fence is already checked. */
    void record(Handle h, Fence fence, ModelStep step, long now) {
        record(h, fence, step.step(), step.billed(), step.priceTable(), now);
    }

    /**
     * Writes one entry per billed attempt of the run's compaction summary, as step 0 (the opening; model steps count
     * from 1), on the append's handle; the fence is already checked. Nothing for an opening without a compaction, or
     * with one that billed nothing (a truncation). The opening does not journal which price table priced the summary:
     * its entries have an empty {@code price_table_version}.
     */
    void record(Handle h, Fence fence, RunOpened opened, long now) {
        opened.compaction().ifPresent(c -> record(h, fence, COMPACTION_STEP, c.billed(), "", now));
    }

    private void record(Handle h, Fence fence, int step, List<BilledAttempt> billed, String priceTable, long now) {
        if (billed.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("""
                INSERT INTO cost_entries (id, tenant_id, user_id, run_id, conversation_id, agent, step, attempt,
                  endpoint, model, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
                  cache_write_1h_tokens, web_search_requests, web_fetch_requests, cost_usd_e8, priced,
                  price_table_version, created_at)
                SELECT :id, r.tenant_id, r.user_id, r.id, r.conversation_id, COALESCE(r.agent, ''), :step, :attempt,
                  :endpoint, :model, :input, :output, :cacheRead, :write5m, :write1h, :searches, :fetches, :cost,
                  :priced, :prices, :at
                FROM runs r WHERE r.id = :run
                ON CONFLICT (run_id, step, attempt) DO NOTHING""");
        int attempt = 0;
        for (BilledAttempt one : billed) {
            var usage = one.usage();
            batch.bind("id", ids.next("cost")).bind("run", fence.runId()).bind("step", step)
                    .bind("attempt", ++attempt).bind("endpoint", one.endpoint()).bind("model", one.model())
                    .bind("input", usage.inputTokens()).bind("output", usage.outputTokens())
                    .bind("cacheRead", usage.cacheReadInputTokens()).bind("write5m", usage.cacheWrite5mTokens())
                    .bind("write1h", usage.cacheWrite1hTokens()).bind("searches", usage.webSearchRequests())
                    .bind("fetches", usage.webFetchRequests()).bind("cost", Values.costUnits(one.cost()))
                    .bind("priced", one.cost().isKnown()).bind("prices", priceTable).bind("at", now)
                    .add();
        }
        batch.execute();
    }

    @Override
    public List<UsageRow> usage(UsageQuery query) {
        var keys = switch (query.groupBy()) {
            case TENANT -> "tenant_id";
            case USER -> "tenant_id, user_id";
            case MODEL -> "model";
            case AGENT -> "agent";
            case DAY -> "created_at / " + DAY_NANOS;
        };
        var where = new StringBuilder("created_at >= :from AND created_at < :to");
        query.tenantId().ifPresent(t -> where.append(" AND tenant_id = :tenant"));
        query.userId().ifPresent(u -> where.append(" AND user_id = :user"));
        var sql = "SELECT " + keys + ", SUM(input_tokens), SUM(output_tokens), SUM(cache_write_5m_tokens),"
                + " SUM(cache_write_1h_tokens), SUM(cache_read_tokens), SUM(web_search_requests),"
                + " SUM(web_fetch_requests), SUM(cost_usd_e8), COUNT(*), COUNT(DISTINCT run_id),"
                + " SUM(CASE WHEN priced THEN 0 ELSE 1 END)"
                + " FROM cost_entries WHERE " + where + " GROUP BY " + keys;
        int keyColumns = query.groupBy() == GroupBy.USER ? 2 : 1;
        return db.read("sum the ledger", h -> {
            var sums = bindRange(h.createQuery(sql), query).map((rs, ctx) -> {
                int c = keyColumns + 1;
                var group = new Group(keyColumns == 2 ? rs.getString(1) : null,
                        key(query.groupBy(), rs.getString(keyColumns)));
                var usage = new Usage(rs.getLong(c), rs.getLong(c + 1), rs.getLong(c + 2), rs.getLong(c + 3),
                        rs.getLong(c + 4), rs.getLong(c + 5), rs.getLong(c + 6));
                return new Sum(group, usage, rs.getLong(c + 7), rs.getLong(c + 8), rs.getLong(c + 9),
                        rs.getLong(c + 10));
            }).list();
            var unpriced = sums.stream().anyMatch(s -> s.unpriced() > 0)
                    ? unpricedModels(h, keys, keyColumns, where.toString(), query) : Map.<Group, Set<String>>of();
            var rows = new ArrayList<UsageRow>();
            for (var s : sums) {
                var tenant = query.groupBy() == GroupBy.TENANT ? Optional.of(s.group().key())
                        : Optional.ofNullable(s.group().tenantId());
                var cost = new Cost(BigDecimal.valueOf(s.costUnits(), 8),
                        unpriced.getOrDefault(s.group(), Set.of()));
                rows.add(new UsageRow(s.group().key(), tenant, s.usage(), cost, s.entries(), s.runs()));
            }
            rows.sort(query.groupBy() == GroupBy.DAY
                    ? Comparator.comparing(UsageRow::key)
                    : Comparator.comparing((UsageRow r) -> r.cost().pricedUsd()).reversed()
                            .thenComparing(UsageRow::key)
                            .thenComparing(r -> r.tenantId().orElse("")));
            return List.copyOf(rows);
        });
    }

    private static Map<Group, Set<String>> unpricedModels(Handle h, String keys, int keyColumns, String where,
            UsageQuery query) {
        var models = new HashMap<Group, Set<String>>();
        bindRange(h.createQuery("SELECT DISTINCT " + keys + ", model FROM cost_entries WHERE " + where
                + " AND priced = FALSE"), query)
                .map((rs, ctx) -> Map.entry(new Group(keyColumns == 2 ? rs.getString(1) : null,
                        key(query.groupBy(), rs.getString(keyColumns))), rs.getString(keyColumns + 1)))
                .forEach(e -> models.computeIfAbsent(e.getKey(), g -> new HashSet<>()).add(e.getValue()));
        return models;
    }

    private static Query bindRange(Query q, UsageQuery query) {
        q.bind("from", Values.nanos(query.from())).bind("to", Values.nanos(query.to()));
        query.tenantId().ifPresent(t -> q.bind("tenant", t));
        query.userId().ifPresent(u -> q.bind("user", u));
        return q;
    }

    /** A group's key as rows show it: a day number becomes its date. */
    private static String key(GroupBy groupBy, String raw) {
        return groupBy == GroupBy.DAY ? LocalDate.ofEpochDay(Long.parseLong(raw)).toString() : raw;
    }

    private record Group(String tenantId, String key) {}

    private record Sum(Group group, Usage usage, long costUnits, long entries, long runs, long unpriced) {}
}
