package dev.mainstay.server;

import static dev.mainstay.server.testing.OpenApiContract.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.costcontrol.ResponseCacheConfig;
import dev.mainstay.json.Json;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The response cache through the API, on a real node with {@code MAINSTAY_RESPONSE_CACHE} on and the simulator: a run
 * opts in with {@code "cache": {"response": true}}, the choice survives the queue, and the second of two identical
 * opted-in runs is answered from the cache at no cost — never a run that did not opt in, never another tenant. Run on
 * SQLite and PostgreSQL by the subclasses.
 */
abstract class ResponseCacheApiContract extends NodeTestBase {
    static final Duration FINISH = Duration.ofSeconds(30);
    /**
     * A question the simulator answers without a tool: one model call, stored by the cache. ("What is the capital of
     * France?" is searched for: its first answer asks for a tool and is never stored.)
     */
    static final String QUESTION = "What can you do?";
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node().env(ResponseCacheConfig.SETTING, "ttl=10m,max=1000"));
        api = new ApiClient(server.baseUrl());
    }

    @Test
    void theSecondOfTwoIdenticalOptedInRunsIsAnsweredFromTheCacheAtNoCost() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var first = run(key, QUESTION, true);
        var second = run(key, QUESTION, true);

        assertThat(first.path("status").asText()).isEqualTo("succeeded");
        assertThat(second.path("status").asText()).isEqualTo("succeeded");
        assertThat(first.path("cache").path("response").asBoolean()).isTrue();
        assertThat(second.path("cache").path("response").asBoolean()).isTrue();
        assertThat(modelEntries(key, first)).singleElement().satisfies(e -> {
            assertThat(e.path("cache_hit").asBoolean()).isFalse();
            assertThat(e.path("usage").path("output_tokens").asLong()).isPositive();
        });
        assertThat(modelEntries(key, second)).singleElement().satisfies(e -> {
            assertThat(e.path("cache_hit").asBoolean()).isTrue();
            assertThat(e.path("cost_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(e.path("usage").path("input_tokens").asLong()).isZero();
            assertThat(e.path("usage").path("output_tokens").asLong()).isZero();
        });
        assertThat(second.path("output").asText()).isEqualTo(first.path("output").asText());
        assertThat(second.path("totals").path("cost_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(first.path("totals").path("cost_usd").decimalValue()).isPositive();
        // the hit wrote no ledger entry: the tenant's usage is the first run's alone
        var usage = check("GET", "/v1/usage", api.get("/v1/usage?group_by=tenant", key.secret())).json()
                .path("total");
        assertThat(usage.path("runs").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(usage.path("cost_usd").asText()))
                .isEqualByComparingTo(first.path("totals").path("cost_usd").decimalValue());
    }

    @Test
    void aRunThatDidNotOptInIsNeverAHitAndStoresNothing() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var plainFirst = run(key, QUESTION, false);
        var optedInAfterPlain = run(key, QUESTION, true);
        var plainAfterStored = run(key, QUESTION, false);

        assertThat(plainFirst.path("cache").path("response").asBoolean()).isFalse();
        for (var run : List.of(plainFirst, optedInAfterPlain, plainAfterStored)) {
            assertThat(modelEntries(key, run)).as("run %s", run.path("id").asText()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.path("cache_hit").asBoolean()).isFalse());
            assertThat(run.path("totals").path("cost_usd").decimalValue()).isPositive();
        }
    }

    @Test
    void aTenantNeverHitsAnotherTenantsEntry() {
        var acme = newTenant(server, Role.ADMIN, "alice");
        var globex = newTenant(server, Role.ADMIN, "alice");
        run(acme, QUESTION, true);

        var other = run(globex, QUESTION, true);

        assertThat(modelEntries(globex, other)).singleElement()
                .satisfies(e -> assertThat(e.path("cache_hit").asBoolean()).isFalse());
        assertThat(other.path("totals").path("cost_usd").decimalValue()).isPositive();
        // and the entry globex stored now serves globex
        assertThat(modelEntries(globex, run(globex, QUESTION, true))).singleElement()
                .satisfies(e -> assertThat(e.path("cache_hit").asBoolean()).isTrue());
    }

    @Test
    void aBadCacheFieldIsRefusedWithEveryProblemAndStoresNothing() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var cases = Map.of(
                "{\"input\": \"hi\", \"cache\": {\"response\": \"yes\"}}", "cache.response",
                "{\"input\": \"hi\", \"cache\": {\"response\": 1}}", "cache.response",
                "{\"input\": \"hi\", \"cache\": {\"responses\": true}}", "cache.responses",
                "{\"input\": \"hi\", \"cache\": true}", "cache");
        for (var c : cases.entrySet()) {
            var refused = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(), c.getKey()));
            assertThat(refused.status()).as(c.getKey()).isEqualTo(400);
            assertThat(refused.json().path("type").asText()).endsWith("/invalid-request");
            var fields = new ArrayList<String>();
            refused.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).as(c.getKey()).containsExactly(c.getValue());
        }
        var both = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(),
                "{\"input\": \"hi\", \"cache\": {\"response\": null, \"prompt\": true}, \"wait\": -1}"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("errors")).hasSize(2);
        var listed = api.get("/v1/runs", key.secret()).json();
        assertThat(listed.path("data")).isEmpty();
    }

    /** Submits a run, waits for it to finish, and returns its full document. */
    private JsonNode run(TestNode.Key key, String input, boolean cacheResponse) {
        var body = Json.object().put("input", input);
        if (cacheResponse) {
            body.putObject("cache").put("response", true);
        }
        var accepted = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(), Json.write(body)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("cache").path("response").asBoolean()).isEqualTo(cacheResponse);
        var id = accepted.json().path("id").asText();
        awaitFinished(api, key, id, FINISH);
        return check("GET", "/v1/runs/{id}", api.get("/v1/runs/" + id, key.secret())).json();
    }

    private List<JsonNode> modelEntries(TestNode.Key key, JsonNode run) {
        var timeline = check("GET", "/v1/runs/{id}/timeline", api.get("/v1/runs/" + run.path("id").asText()
                + "/timeline", key.secret())).json();
        var models = new ArrayList<JsonNode>();
        timeline.path("entries").forEach(e -> {
            if (e.path("kind").asText().equals("model")) {
                models.add(e);
            }
        });
        return models;
    }
}
