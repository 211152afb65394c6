package dev.mainstay.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.cost.ModelPrice;
import dev.mainstay.json.Json;
import dev.mainstay.model.Usage;
import dev.mainstay.store.Ledger.GroupBy;
import dev.mainstay.store.Ledger.UsageRow;
import java.math.RoundingMode;
import java.util.List;

/**
 * The JSON of a usage report, as {@code GET /v1/usage} answers and {@code mainstay usage --json} prints: the range,
 * the grouping, one object per group and the total. Every kind of token is its own field; money is an exact decimal
 * string at {@link ModelPrice#SCALE} places ({@code cost_usd}, null with {@code cost_unknown_reason} when a model had
 * no price; {@code priced_cost_usd} always).
 */
public final class UsageDocument {
    private UsageDocument() {}

    public static ObjectNode of(UsageRange range, GroupBy groupBy, List<UsageRow> rows, UsageRow total) {
        var node = Json.object().put("object", "usage").put("from", range.from().toString())
                .put("to", range.to().toString()).put("group_by", groupBy.wire());
        var data = node.putArray("data");
        for (var row : rows) {
            var item = data.addObject().put("key", row.key());
            if (groupBy == GroupBy.USER) {
                item.put("tenant_id", row.tenantId().orElseThrow());
            }
            sums(item, row);
        }
        sums(node.putObject("total"), total);
        return node;
    }

    private static void sums(ObjectNode node, UsageRow row) {
        node.set("usage", usage(row.usage()));
        cost(node, row.cost());
        node.put("entries", row.entries()).put("runs", row.runs());
    }

    static ObjectNode usage(Usage u) {
        return Json.object().put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("cache_write_5m_tokens", u.cacheWrite5mTokens())
                .put("cache_write_1h_tokens", u.cacheWrite1hTokens())
                .put("cache_read_input_tokens", u.cacheReadInputTokens())
                .put("web_search_requests", u.webSearchRequests()).put("web_fetch_requests", u.webFetchRequests());
    }

    private static void cost(ObjectNode node, Cost cost) {
        if (cost.isKnown()) {
            node.put("cost_usd", money(cost));
        } else {
            node.putNull("cost_usd");
            node.put("cost_unknown_reason", cost.unknownReason().orElseThrow());
        }
        node.put("priced_cost_usd", money(cost));
    }

    private static String money(Cost cost) {
        return cost.pricedUsd().setScale(ModelPrice.SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }
}
