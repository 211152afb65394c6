package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.store.Principal.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spending budgets through the API on a real node — {@code PUT/GET /v1/budgets}, the 402 for a tenant out of budget,
 * a run's own budget — each response checked against openapi.json. Run on SQLite and on PostgreSQL by the subclasses.
 */
abstract class BudgetsApiContract extends NodeTestBase {
    static final Duration FINISH = RunsApiContract.FINISH;
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node());
        api = new ApiClient(server.baseUrl());
    }

    ApiClient.Response check(String method, String template, ApiClient.Response response) {
        return OpenApiContract.check(method, template, response);
    }

    @Test
    void anAdminSetsBudgetsAndReadsWhatWasSpentReservedAndRemains() {
        var admin = newTenant(server, Role.ADMIN, "admin");
        var member = anotherKey(server, admin, Role.MEMBER, "bob");

        var set = check("PUT", "/v1/budgets", api.put("/v1/budgets", admin.secret(),
                body("daily_usd", "5.00", "monthly_usd", 100)));
        check("PUT", "/v1/budgets", api.put("/v1/budgets", admin.secret(), body("user_id", "bob", "daily_usd", 1.5)));
        var id = submit(api, member, "What is 6 times 7?");
        awaitFinished(api, member, id, FINISH);

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("data").size()).isEqualTo(2);
        var listed = check("GET", "/v1/budgets", api.get("/v1/budgets", admin.secret())).json().path("data");
        assertThat(listed.size()).isEqualTo(3);
        var tenantDaily = listed.get(0);
        assertThat(tenantDaily.path("scope").asText()).isEqualTo("tenant");
        assertThat(tenantDaily.path("user_id").isNull()).isTrue();
        assertThat(tenantDaily.path("period").asText()).isEqualTo("daily");
        assertThat(new java.math.BigDecimal(tenantDaily.path("limit_usd").asText())).isEqualByComparingTo("5");
        var spent = new java.math.BigDecimal(tenantDaily.path("spent_usd").asText());
        var run = api.get("/v1/runs/" + id, member.secret()).json();
        assertThat(spent).isPositive().isCloseTo(run.path("totals").path("cost_usd").decimalValue(),
                org.assertj.core.data.Offset.offset(new java.math.BigDecimal("0.000001")));
        assertThat(new java.math.BigDecimal(tenantDaily.path("reserved_usd").asText())).isZero();
        assertThat(listed.get(2).path("user_id").asText()).isEqualTo("bob");
        assertThat(new java.math.BigDecimal(listed.get(2).path("spent_usd").asText())).isEqualByComparingTo(spent);

        var forCarol = check("GET", "/v1/budgets", api.get("/v1/budgets?user_id=carol", admin.secret())).json();
        assertThat(forCarol.path("data").size()).isEqualTo(2);
        var removed = check("PUT", "/v1/budgets", api.put("/v1/budgets", admin.secret(),
                body("user_id", "bob", "daily_usd", null))).json();
        assertThat(removed.path("data").size()).isEqualTo(2);
    }

    @Test
    void budgetsNeedAnAdminKeyAndBadAmountsChangeNothing() {
        var admin = newTenant(server, Role.ADMIN, "admin");
        var member = anotherKey(server, admin, Role.MEMBER, "bob");

        var forbidden = check("PUT", "/v1/budgets", api.put("/v1/budgets", member.secret(), body("daily_usd", 1)));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(check("GET", "/v1/budgets", api.get("/v1/budgets", member.secret())).status()).isEqualTo(403);
        for (var bad : java.util.List.of(body("daily_usd", -1), body("daily_usd", "1.123456789"),
                body("monthly_usd", "lots"), body("user_id", "bob"), body("daily_usd", 1, "weekly_usd", 1))) {
            var invalid = check("PUT", "/v1/budgets", api.put("/v1/budgets", admin.secret(), bad));
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.problemType()).isEqualTo("invalid-request");
        }
        assertThat(api.get("/v1/budgets", admin.secret()).json().path("data").size()).isZero();
    }

    @Test
    void aNewRunOfATenantOutOfBudgetIsRefusedWith402AndNothingIsStored() {
        var admin = newTenant(server, Role.ADMIN, "admin");
        api.put("/v1/budgets", admin.secret(), body("daily_usd", "0.0001"));
        var first = submit(api, admin, "What is 6 times 7?");
        awaitFinished(api, admin, first, FINISH);
        var stopped = api.get("/v1/runs/" + first, admin.secret()).json();
        assertThat(stopped.path("stop_reason").asText()).isEqualTo("budget_exceeded");
        api.put("/v1/budgets", admin.secret(), body("daily_usd", 0));

        var refused = check("POST", "/v1/runs", api.post("/v1/runs", admin.secret(), body("input", "And 7 times 8?")));

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.problemType()).isEqualTo("budget-exceeded");
        assertThat(refused.json().path("budget_scope").asText()).isEqualTo("tenant");
        assertThat(refused.json().path("budget_period").asText()).isEqualTo("daily");
        assertThat(RunsApiContract.ids(api.get("/v1/runs", admin.secret()).json())).containsExactly(first);
    }

    @Test
    void theRetryOfAnAcceptedRunIsReplayedEvenOnceTheBudgetIsSpent() {
        var admin = newTenant(server, Role.ADMIN, "admin");
        var key = headers("Idempotency-Key", "retry-after-spend");
        var accepted = check("POST", "/v1/runs", api.post("/v1/runs", admin.secret(), body("input", "What is 6 times 7?"),
                key));
        assertThat(accepted.status()).isEqualTo(202);
        var id = accepted.json().path("id").asText();
        awaitFinished(api, admin, id, FINISH);
        api.put("/v1/budgets", admin.secret(), body("daily_usd", 0));

        var retried = check("POST", "/v1/runs", api.post("/v1/runs", admin.secret(), body("input", "What is 6 times 7?"),
                key));
        var otherBody = check("POST", "/v1/runs", api.post("/v1/runs", admin.secret(), body("input", "And 7 times 8?"),
                key));
        var newRequest = check("POST", "/v1/runs", api.post("/v1/runs", admin.secret(), body("input", "And 7 times 8?"),
                headers("Idempotency-Key", "a-new-one")));

        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(retried.json().path("id").asText()).isEqualTo(id);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(newRequest.status()).isEqualTo(402);
        assertThat(RunsApiContract.ids(api.get("/v1/runs", admin.secret()).json())).containsExactly(id);
    }

    @Test
    void aRunWithItsOwnBudgetStopsAsBudgetExceededWhenItsNextCallDoesNotFit() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var response = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input",
                "What is 17.5% of 2,340, rounded to cents?", "wait", 30,
                "limits", Map.of("max_cost_usd", "0.000001", "max_tool_calls", 3, "max_total_tokens", 50000))));

        assertThat(response.status()).isEqualTo(200);
        var run = response.json();
        assertThat(run.path("stop_reason").asText()).isEqualTo("budget_exceeded");
        assertThat(run.path("error").path("code").asText()).isEqualTo("run_budget_exceeded");
        assertThat(run.path("limits").path("max_cost_usd").asText()).isEqualTo("0.000001");
        assertThat(run.path("limits").path("max_tool_calls").asInt()).isEqualTo(3);
        assertThat(run.path("limits").path("max_total_tokens").asInt()).isEqualTo(50000);
        var invalid = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "hi",
                "limits", Map.of("max_cost_usd", -1, "max_tool_calls", 0))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").size()).isEqualTo(2);
    }
}
