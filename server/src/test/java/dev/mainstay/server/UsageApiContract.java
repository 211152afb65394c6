package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.Usage;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.store.Ledger.GroupBy;
import dev.mainstay.store.Ledger.UsageQuery;
import dev.mainstay.store.Principal.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/usage} on a real node running real runs on the simulator: the ledger it reads agrees with the runs'
 * totals and their journals, to the token and the 1e-8 dollar. Run on SQLite and PostgreSQL by the subclasses.
 */
abstract class UsageApiContract extends NodeTestBase {
    static final Duration FINISH = Duration.ofSeconds(30);
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node());
        api = new ApiClient(server.baseUrl());
    }

    ApiClient.Response usage(String query, String secret) {
        return OpenApiContract.check("GET", "/v1/usage", api.get("/v1/usage" + query, secret));
    }

    @Test
    void theLedgerOfARealRunEqualsItsTotalsAndTheBilledAttemptsOfItsJournalForEveryTokenKind() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var first = submit(api, key, "What's the weather in Lisbon?");
        awaitFinished(api, key, first, FINISH);
        var second = submit(api, key, "What is 17.5% of 2,340, rounded to cents?");
        awaitFinished(api, key, second, FINISH);

        var runs = List.of(first, second);
        var billed = Usage.ZERO;
        var billedCost = Cost.ZERO;
        var runTotals = Usage.ZERO;
        var runCost = Cost.ZERO;
        long attempts = 0;
        for (var id : runs) {
            var run = server.store().runs().find(key.tenantId(), id).orElseThrow();
            assertThat(run.status().isFinished()).isTrue();
            runTotals = runTotals.plus(run.usage());
            runCost = runCost.plus(run.cost());
            for (var recorded : server.store().journal().read(id)) {
                if (recorded.entry() instanceof ModelStep step) {
                    for (var attempt : step.billed()) {
                        billed = billed.plus(attempt.usage());
                        billedCost = billedCost.plus(attempt.cost());
                        attempts++;
                    }
                }
            }
        }
        var query = UsageQuery.of(Optional.of(key.tenantId()), Instant.EPOCH, Instant.now().plusSeconds(60),
                GroupBy.TENANT);
        var ledger = server.store().ledger().total(query);

        assertThat(attempts).isPositive();
        assertThat(billed.outputTokens()).isPositive();
        assertThat(ledger.usage()).isEqualTo(billed);
        assertThat(ledger.cost()).isEqualTo(billedCost).isEqualTo(runCost);
        assertThat(ledger.cost().isKnown()).isTrue();
        assertThat(ledger.entries()).isEqualTo(attempts);
        assertThat(ledger.runs()).isEqualTo(2);
        // the run row keeps four token kinds: cache writes of both TTLs are one column there
        assertThat(new Usage(ledger.usage().inputTokens(), ledger.usage().outputTokens(),
                ledger.usage().cacheCreationInputTokens(), ledger.usage().cacheReadInputTokens()))
                .isEqualTo(new Usage(runTotals.inputTokens(), runTotals.outputTokens(),
                        runTotals.cacheCreationInputTokens(), runTotals.cacheReadInputTokens()));

        var report = usage("?group_by=tenant", key.secret()).json();
        assertThat(report.path("data")).hasSize(1);
        var total = report.path("total");
        assertThat(report.path("data").get(0).path("key").asText()).isEqualTo(key.tenantId());
        assertThat(usageOf(total.path("usage"))).isEqualTo(billed);
        assertThat(new BigDecimal(total.path("cost_usd").asText())).isEqualTo(billedCost.usd().orElseThrow());
        assertThat(total.path("entries").asLong()).isEqualTo(attempts);
        assertThat(total.path("runs").asLong()).isEqualTo(2);
    }

    @Test
    void anAdminSeesItsTenantByUserAndAMemberOnlyItsOwnUsage() {
        var admin = newTenant(server, Role.ADMIN, "alice");
        var bob = anotherKey(server, admin, Role.MEMBER, "bob");
        awaitFinished(api, admin, submit(api, admin, "What is 6 times 7?"), FINISH);
        awaitFinished(api, bob, submit(api, bob, "What is 8 times 9?"), FINISH);

        var byUser = usage("?group_by=user", admin.secret()).json();
        assertThat(keys(byUser)).containsExactlyInAnyOrder("alice", "bob");
        byUser.path("data").forEach(row -> assertThat(row.path("tenant_id").asText()).isEqualTo(admin.tenantId()));
        assertThat(byUser.path("total").path("runs").asLong()).isEqualTo(2);

        var own = usage("?group_by=user", bob.secret()).json();
        assertThat(keys(own)).containsExactly("bob");
        assertThat(own.path("total").path("runs").asLong()).isEqualTo(1);
    }

    @Test
    void aTenantNeverSeesAnotherTenantsUsage() {
        var acme = newTenant(server, Role.ADMIN, "alice");
        var globex = newTenant(server, Role.ADMIN, "alice");
        awaitFinished(api, acme, submit(api, acme, "What is 2 plus 2?"), FINISH);

        var empty = usage("?group_by=tenant", globex.secret()).json();
        assertThat(empty.path("data")).isEmpty();
        assertThat(empty.path("total").path("entries").asLong()).isZero();
        assertThat(empty.path("total").path("cost_usd").asText()).isEqualTo("0.00000000");
        assertThat(keys(usage("?group_by=tenant", acme.secret()).json())).containsExactly(acme.tenantId());
    }

    @Test
    void theDefaultsAreTheLast30DaysByModelAndADateCoversItsWholeDay() {
        var key = newTenant(server, Role.ADMIN, "alice");
        awaitFinished(api, key, submit(api, key, "What is 3 plus 4?"), FINISH);
        var today = LocalDate.now(ZoneOffset.UTC);

        var defaults = usage("", key.secret()).json();
        assertThat(defaults.path("group_by").asText()).isEqualTo("model");
        var from = Instant.parse(defaults.path("from").asText());
        var to = Instant.parse(defaults.path("to").asText());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.path("data")).isNotEmpty();

        var day = usage("?group_by=day&from=" + today + "&to=" + today, key.secret()).json();
        assertThat(day.path("from").asText()).isEqualTo(today + "T00:00:00Z");
        assertThat(day.path("to").asText()).isEqualTo(today.plusDays(1) + "T00:00:00Z");
        assertThat(keys(day)).containsExactly(today.toString());
        var before = usage("?from=2020-01-01T00:00:00Z&to=2020-01-02", key.secret()).json();
        assertThat(before.path("data")).isEmpty();
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        var key = newTenant(server, Role.ADMIN, "alice");

        var bad = usage("?from=yesterday&to=2026-13-01&group_by=week&limit=5", key.secret());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemType()).isEqualTo("invalid-request");
        assertThat(fields(bad.json())).containsExactlyInAnyOrder("limit", "from", "to", "group_by");
        assertThat(bad.json().path("detail").asText()).doesNotContain("Exception");

        var reversed = usage("?from=2026-12-02&to=2026-12-01T00:00:00Z", key.secret());
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(fields(reversed.json())).containsExactly("from");
        assertThat(reversed.json().path("detail").asText()).startsWith("from must be before to");

        var repeated = usage("?group_by=model&group_by=day", key.secret());
        assertThat(fields(repeated.json())).containsExactly("group_by");
        assertThat(usage("?group_by=model", null).status()).isEqualTo(401);
    }

    static Usage usageOf(JsonNode u) {
        return new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
                u.path("cache_write_5m_tokens").asLong(), u.path("cache_write_1h_tokens").asLong(),
                u.path("cache_read_input_tokens").asLong(), u.path("web_search_requests").asLong(),
                u.path("web_fetch_requests").asLong());
    }

    static List<String> keys(JsonNode report) {
        var keys = new ArrayList<String>();
        report.path("data").forEach(row -> keys.add(row.path("key").asText()));
        return keys;
    }

    static List<String> fields(JsonNode problem) {
        var fields = new ArrayList<String>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
