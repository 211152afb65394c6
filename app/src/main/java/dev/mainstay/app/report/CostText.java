package dev.mainstay.app.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.Usage;
import dev.mainstay.runtime.config.MainstayConfig;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Tokens and cost as the reports show them: every kind of token the provider billed (cache writes by TTL, server
 * tools when used) and the price table that priced them. Pure functions.
 */
final class CostText {
    private CostText() {}

    /** {@code Tokens: input 10, output 5, cache write 300 (5m 100, 1h 200), cache read 900[, web searches 2]}. */
    static String tokens(Usage u) {
        var out = new StringBuilder(String.format("Tokens: input %d, output %d, cache write %d (5m %d, 1h %d), "
                + "cache read %d", u.inputTokens(), u.outputTokens(), u.cacheCreationInputTokens(),
                u.cacheWrite5mTokens(), u.cacheWrite1hTokens(), u.cacheReadInputTokens()));
        if (u.webSearchRequests() > 0) {
            out.append(", web searches ").append(u.webSearchRequests());
        }
        if (u.webFetchRequests() > 0) {
            out.append(", web fetches ").append(u.webFetchRequests());
        }
        return out.append('\n').toString();
    }

    /** {@code Cost: $0.001234 (prices anthropic-2026-12-01)}, or {@code unknown (why; set MAINSTAY_PRICES)}. */
    static String cost(Cost cost, String priceTables) {
        var prices = priceTables.isEmpty() ? "" : " (prices " + priceTables + ")";
        return "Cost: " + cost.usd().map(usd -> "$" + RunReport.dollars(usd) + prices).orElseGet(() ->
                "unknown (" + cost.unknownReason().orElseThrow() + "; set " + MainstayConfig.PRICES + ")") + '\n';
    }

    /** The price-table versions the run's model steps were priced with, comma-separated; empty when none said. */
    static String priceTables(Collection<? extends JournalEntry> entries) {
        var versions = new LinkedHashSet<String>();
        for (var entry : entries) {
            if (entry instanceof ModelStep m && !m.priceTable().isEmpty()) {
                versions.add(m.priceTable());
            }
        }
        return String.join(", ", versions);
    }

    /** How many attempts the provider billed over the run's model steps: one ledger entry each. */
    static int billedAttempts(Collection<? extends JournalEntry> entries) {
        int count = 0;
        for (var entry : entries) {
            if (entry instanceof ModelStep m) {
                count += m.billed().size();
            }
        }
        return count;
    }

    /** Usage in the Messages API's shape, the cache writes always split by TTL. */
    static ObjectNode usage(Usage u) {
        var node = Json.object();
        node.put("input_tokens", u.inputTokens());
        node.put("output_tokens", u.outputTokens());
        node.put("cache_creation_input_tokens", u.cacheCreationInputTokens());
        node.put("cache_read_input_tokens", u.cacheReadInputTokens());
        node.putObject("cache_creation").put("ephemeral_5m_input_tokens", u.cacheWrite5mTokens())
                .put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
        node.putObject("server_tool_use").put("web_search_requests", u.webSearchRequests())
                .put("web_fetch_requests", u.webFetchRequests());
        return node;
    }
}
