package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.costcontrol.ContextBudget;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.store.Principal.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A conversation whose history outgrows {@code MAINSTAY_CONTEXT_BUDGET} with {@code policy=summarise}, on a real node
 * and the simulator: the summary call's billed attempts (journaled in the run's opening, not in a model step) are in
 * the ledger, so {@code GET /v1/usage} and the runs' totals agree. Run on SQLite and PostgreSQL by the subclasses.
 */
abstract class CompactionLedgerContract extends NodeTestBase {
    static final Duration FINISH = Duration.ofSeconds(30);
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node().env(ContextBudget.SETTING,
                "tokens=300,policy=summarise,keep_first=false,summary_tokens=64"));
        api = new ApiClient(server.baseUrl());
    }

    @Test
    void theSummaryOfACompactedHistoryIsInTheLedgerAndUsageEqualsTheRunsTotals() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var conversation = api.post("/v1/conversations", key.secret(), null).json().path("id").asText();
        // long tasks, so two turns of history pass the 300-token budget
        var padding = "The quick brown fox jumps over the lazy dog. ".repeat(20);
        var tasks = List.of(padding + "What is 6 times 7?", padding + "What is 8 times 9?",
                padding + "What is 3 plus 4?");
        var runs = new ArrayList<String>();
        for (var task : tasks) {
            var accepted = api.post("/v1/runs", key.secret(), body("input", task, "conversation_id", conversation));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            var id = accepted.json().path("id").asText();
            assertThat(awaitFinished(api, key, id, FINISH).path("status").asText()).isEqualTo("succeeded");
            runs.add(id);
        }

        long summaryAttempts = 0;
        long attempts = 0;
        var summaryCost = Cost.ZERO;
        var runTotals = Cost.ZERO;
        for (var id : runs) {
            runTotals = runTotals.plus(server.store().runs().find(key.tenantId(), id).orElseThrow().cost());
            for (var recorded : server.store().journal().read(id)) {
                switch (recorded.entry()) {
                    case RunOpened o when o.compaction().isPresent() -> {
                        summaryAttempts += o.compaction().get().billed().size();
                        summaryCost = summaryCost.plus(o.compaction().get().cost());
                    }
                    case ModelStep m -> attempts += m.billed().size();
                    default -> { }
                }
            }
        }
        var seen = new StringBuilder();
        for (var id : runs) {
            for (var recorded : server.store().journal().read(id)) {
                if (recorded.entry() instanceof RunOpened o) {
                    seen.append(id).append(": history ").append(o.request().history().size()).append(", ")
                            .append(o.compaction()).append('\n');
                }
            }
        }
        assertThat(summaryAttempts).as("some run's history was summarised by a billed call:\n%s", seen).isPositive();
        assertThat(summaryCost.pricedUsd()).isPositive();

        var report = OpenApiContract.check("GET", "/v1/usage", api.get("/v1/usage?group_by=tenant", key.secret()))
                .json().path("total");
        assertThat(report.path("entries").asLong()).isEqualTo(attempts + summaryAttempts);
        assertThat(report.path("runs").asLong()).isEqualTo(runs.size());
        assertThat(new BigDecimal(report.path("cost_usd").asText())).isEqualByComparingTo(runTotals.usd().orElseThrow());
    }
}
