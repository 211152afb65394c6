package dev.mainstay.app.report;

import dev.mainstay.cost.Cost;
import dev.mainstay.server.UsageRange;
import dev.mainstay.store.Ledger.GroupBy;
import dev.mainstay.store.Ledger.UsageRow;
import java.util.List;
import java.util.Map;

/** A usage report as a table: one line per group, every kind of token its own column, then the total. Pure. */
public final class UsageText {
    private static final String LINE = "%-32s %6s %7s %12s %12s %12s %12s %12s %8s %14s%n";

    private UsageText() {}

    /** @param tenantNames tenant id to name, to show names rather than ids */
    public static String table(UsageRange range, GroupBy groupBy, List<UsageRow> rows, UsageRow total,
            Map<String, String> tenantNames) {
        var out = new StringBuilder("Usage from " + range.from() + " to " + range.to() + ", by " + groupBy.wire()
                + "\n");
        out.append(String.format(LINE, groupBy.wire().toUpperCase(java.util.Locale.ROOT), "RUNS", "ENTRIES",
                "INPUT", "OUTPUT", "CACHE_W_5M", "CACHE_W_1H", "CACHE_READ", "SEARCHES", "COST_USD"));
        for (var row : rows) {
            var key = switch (groupBy) {
                case TENANT -> tenantNames.getOrDefault(row.key(), row.key());
                case USER -> tenantNames.getOrDefault(row.tenantId().orElseThrow(), row.tenantId().orElseThrow())
                        + "/" + row.key();
                case MODEL, AGENT, DAY -> row.key().isEmpty() ? "-" : row.key();
            };
            out.append(line(key, row));
        }
        out.append(line("TOTAL", total));
        if (!total.cost().isKnown()) {
            out.append("Cost unknown: ").append(total.cost().unknownReason().orElseThrow())
                    .append("; the priced part is shown with '+'\n");
        }
        return out.toString();
    }

    private static String line(String key, UsageRow row) {
        var u = row.usage();
        return String.format(LINE, key, row.runs(), row.entries(), u.inputTokens(), u.outputTokens(),
                u.cacheWrite5mTokens(), u.cacheWrite1hTokens(), u.cacheReadInputTokens(), u.webSearchRequests(),
                money(row.cost()));
    }

    private static String money(Cost cost) {
        return cost.pricedUsd().toPlainString() + (cost.isKnown() ? "" : "+");
    }
}
