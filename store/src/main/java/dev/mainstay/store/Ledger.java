package dev.mainstay.store;

import dev.mainstay.cost.Cost;
import dev.mainstay.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The cost ledger: one entry per attempt of a model call the provider billed, written by the journal in the same
 * transaction as the model step it belongs to (so the ledger never disagrees with the journals, and a worker whose
 * fence is stale writes no cost). Entries are attributed to the run's tenant, user, conversation and agent as the
 * run's row held them, and timed by the append. This is the read side: usage summed over a time range. Thread-safe.
 */
public interface Ledger {
    /**
     * Usage in {@code query}'s range, one row per group, with every kind of token summed, the cost, and how many
     * entries and distinct runs it sums. Rows by {@link GroupBy#DAY} come oldest first; the others by cost, highest
     * first, then by key. A range with no entries has no rows.
     */
    List<UsageRow> usage(UsageQuery query);

    /**
     * The whole of {@code query}'s range as one row keyed {@code total} (its grouping is ignored): every group's sums
     * added up, with runs counted once each. All zero, with a cost of zero, when the range has no entries.
     */
    default UsageRow total(UsageQuery query) {
        var byTenant = usage(new UsageQuery(query.tenantId(), query.userId(), query.from(), query.to(),
                GroupBy.TENANT));
        var usage = Usage.ZERO;
        var cost = Cost.ZERO;
        long entries = 0;
        long runs = 0;
        for (var row : byTenant) {
            usage = usage.plus(row.usage());
            cost = cost.plus(row.cost());
            entries += row.entries();
            runs += row.runs();
        }
        return new UsageRow("total", query.tenantId(), usage, cost, entries, runs);
    }

    /** What usage rows are grouped by. */
    enum GroupBy {
        /** One row per tenant; the key is the tenant's id. */
        TENANT,
        /** One row per user of a tenant; the key is the user's id, {@link UsageRow#tenantId} says whose. */
        USER,
        /** One row per model, as the provider reported it. */
        MODEL,
        /** One row per agent the runs were opened with. */
        AGENT,
        /** One row per UTC calendar day of the entries' times; the key is the date, e.g. {@code 2026-12-01}. */
        DAY;

        /** The lower-case name used on the wire and the command line. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the allowed values, for anything else */
        public static GroupBy fromWire(String value) {
            for (var g : values()) {
                if (g.wire().equals(value)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("must be one of tenant, user, model, agent, day, but was '" + value
                    + "'");
        }
    }

    /**
     * Which entries to sum: those created in {@code [from, to)}, of one tenant (or all), of one user (or all).
     *
     * @param tenantId the tenant, empty for every tenant (operators only: the API always sets it)
     * @param userId the user, empty for every user; needs a tenant
     */
    record UsageQuery(Optional<String> tenantId, Optional<String> userId, Instant from, Instant to,
            GroupBy groupBy) {
        public UsageQuery {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(groupBy, "groupBy");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to, but was " + from + " .. " + to);
            }
            if (userId.isPresent() && tenantId.isEmpty()) {
                throw new IllegalArgumentException("a user's usage needs the user's tenant");
            }
        }

        /** Every user's usage of {@code tenantId} (empty: of every tenant). */
        public static UsageQuery of(Optional<String> tenantId, Instant from, Instant to, GroupBy groupBy) {
            return new UsageQuery(tenantId, Optional.empty(), from, to, groupBy);
        }
    }

    /**
     * One group's usage.
     *
     * @param key the group: a tenant id, user id, model, agent or date ({@link GroupBy})
     * @param tenantId the tenant of the group when grouped by tenant or user, else empty
     * @param usage every kind of token (and server-tool use) summed over the group's entries
     * @param cost the summed cost; not known when an entry's model had no price ({@link Cost#unpricedModels()} names
     *     them, {@link Cost#pricedUsd()} keeps the priced part)
     * @param entries how many billed attempts
     * @param runs how many distinct runs they belong to
     */
    record UsageRow(String key, Optional<String> tenantId, Usage usage, Cost cost, long entries, long runs) {
        public UsageRow {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(cost, "cost");
        }
    }
}
