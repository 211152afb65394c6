package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nobody crosses a tenant line: every endpoint, called with tenant B's admin key on tenant A's objects — runs, their
 * events, conversations, idempotency keys, and notes reached through a run — answers as if they did not exist.
 */
abstract class IsolationContract extends NodeTestBase {
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node());
        api = new ApiClient(server.baseUrl());
    }

    @Test
    void tenantBSeesNothingOfTenantA() throws Exception {
        var a = newTenant(server, Role.ADMIN, "ann");
        var b = newTenant(server, Role.ADMIN, "ann"); // the same user name in another tenant is another user
        var conversation = api.post("/v1/conversations", a.secret(), null).json().path("id").asText();
        var idempotency = headers("Idempotency-Key", "same-key");
        var aRun = api.post("/v1/runs", a.secret(), body("input",
                "Save a note titled \"launch plan\" saying we launch at dawn.", "conversation_id", conversation,
                "wait", 30), idempotency).json();
        assertThat(aRun.path("status").asText()).isEqualTo("succeeded");
        var runId = aRun.path("id").asText();
        assertThat(server.store().notes().list(a.tenantId(), "ann")).hasSize(1);

        expectNotFound("GET", "/v1/runs/{id}", api.get("/v1/runs/" + runId, b.secret()));
        expectNotFound("GET", "/v1/runs/{id}/events", api.get("/v1/runs/" + runId + "/events", b.secret()));
        expectNotFound("GET", "/v1/runs/{id}/events", api.get("/v1/runs/" + runId + "/events?after=0",
                b.secret(), headers("Last-Event-ID", "1")));
        expectNotFound("POST", "/v1/runs/{id}/cancel", api.post("/v1/runs/" + runId + "/cancel", b.secret(), null));
        expectNotFound("POST", "/v1/runs/{id}/cancel", api.post("/v1/runs/" + runId + "/cancel", b.secret(), null,
                headers("Idempotency-Key", "cancel-a")));
        expectNotFound("GET", "/v1/runs/{id}/approvals", api.get("/v1/runs/" + runId + "/approvals", b.secret()));
        expectNotFound("POST", "/v1/runs/{id}/approvals", api.post("/v1/runs/" + runId + "/approvals", b.secret(),
                body("tool_use_id", "toolu_1", "decision", "approve")));
        expectNotFound("GET", "/v1/conversations/{id}", api.get("/v1/conversations/" + conversation, b.secret()));
        expectNotFound("DELETE", "/v1/conversations/{id}", api.delete("/v1/conversations/" + conversation,
                b.secret()));
        expectNotFound("POST", "/v1/runs", api.post("/v1/runs", b.secret(), body("input", "What did we plan?",
                "conversation_id", conversation)));

        // budgets: B sets and reads only its own; A's limit and spend are not B's
        api.put("/v1/budgets", a.secret(), body("daily_usd", 5));
        OpenApiContract.check("PUT", "/v1/budgets", api.put("/v1/budgets", b.secret(), body("daily_usd", 0)));
        var bBudgets = OpenApiContract.check("GET", "/v1/budgets", api.get("/v1/budgets", b.secret())).json();
        assertThat(bBudgets.path("data").size()).isEqualTo(1);
        assertThat(bBudgets.path("data").get(0).path("limit_usd").asText()).isEqualTo("0.00000000");
        var aBudgets = api.get("/v1/budgets", a.secret()).json().path("data");
        assertThat(aBudgets.get(0).path("limit_usd").asText()).isEqualTo("5.00000000");
        assertThat(aBudgets.size()).isEqualTo(1);
        api.put("/v1/budgets", b.secret(), body("daily_usd", null));

        var listed = OpenApiContract.check("GET", "/v1/runs", api.get("/v1/runs", b.secret())).json();
        assertThat(listed.path("data").size()).isZero();
        assertThat(api.get("/v1/runs?conversation_id=" + conversation, b.secret()).json().path("data").size())
                .isZero();
        assertThat(api.get("/v1/runs?user_id=ann", b.secret()).json().path("data").size()).isZero();

        // the same Idempotency-Key and body in tenant B is B's own request, not a replay of A's response
        var bRun = api.post("/v1/runs", b.secret(), body("input",
                "Save a note titled \"launch plan\" saying we launch at dawn.", "conversation_id", conversation,
                "wait", 30), idempotency);
        assertThat(bRun.status()).isEqualTo(404);

        // notes through a run: B's run lists B's notes, of which there are none
        var bNotes = api.post("/v1/runs", b.secret(), body("input", "List my notes.", "wait", 30)).json();
        assertThat(bNotes.path("status").asText()).isEqualTo("succeeded");
        assertThat(bNotes.path("output").asText()).doesNotContain("launch plan");
        var bRead = api.post("/v1/runs", b.secret(), body("input", "Read my note \"launch plan\".", "wait", 30))
                .json();
        assertThat(bRead.path("output").asText()).doesNotContain("dawn");
        assertThat(server.store().notes().list(b.tenantId(), "ann")).isEmpty();

        // A's objects are as they were
        var after = api.get("/v1/runs/" + runId, a.secret()).json();
        assertThat(after.path("status").asText()).isEqualTo("succeeded");
        assertThat(after.path("cancel_requested").asBoolean()).isFalse();
        assertThat(api.get("/v1/conversations/" + conversation, a.secret()).status()).isEqualTo(200);
        try (var stream = api.events("/v1/runs/" + runId + "/events", a.secret(), Map.of())) {
            assertThat(stream.readToEnd(java.time.Duration.ofSeconds(30))).isNotEmpty();
        }
    }

    @Test
    void aMemberCannotReachAnotherMembersRunsOrConversations() {
        var admin = newTenant(server, Role.ADMIN, "boss");
        var bob = anotherKey(server, admin, Role.MEMBER, "bob");
        var carol = anotherKey(server, admin, Role.MEMBER, "carol");
        var conversation = api.post("/v1/conversations", bob.secret(), null).json().path("id").asText();
        var run = submit(api, bob, "What is 9 minus 3?");

        expectNotFound("GET", "/v1/runs/{id}", api.get("/v1/runs/" + run, carol.secret()));
        expectNotFound("GET", "/v1/runs/{id}/events", api.get("/v1/runs/" + run + "/events", carol.secret()));
        expectNotFound("POST", "/v1/runs/{id}/cancel", api.post("/v1/runs/" + run + "/cancel", carol.secret(), null));
        expectNotFound("GET", "/v1/runs/{id}/approvals", api.get("/v1/runs/" + run + "/approvals", carol.secret()));
        expectNotFound("POST", "/v1/runs/{id}/approvals", api.post("/v1/runs/" + run + "/approvals",
                carol.secret(), body("tool_use_id", "toolu_1", "decision", "deny")));
        expectNotFound("GET", "/v1/conversations/{id}", api.get("/v1/conversations/" + conversation,
                carol.secret()));
        expectNotFound("DELETE", "/v1/conversations/{id}", api.delete("/v1/conversations/" + conversation,
                carol.secret()));
        expectNotFound("POST", "/v1/runs", api.post("/v1/runs", carol.secret(), body("input", "Hi",
                "conversation_id", conversation)));
        assertThat(api.get("/v1/conversations/" + conversation, admin.secret()).status()).isEqualTo(200);
    }

    private static void expectNotFound(String method, String template, ApiClient.Response response) {
        assertThat(response.status()).as(method + " " + template + ": " + response).isEqualTo(404);
        assertThat(response.problemType()).isEqualTo("not-found");
        OpenApiContract.check(method, template, response);
    }
}
