package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the API on a real node, each response checked against openapi.json. Run on SQLite and on
 * PostgreSQL by the subclasses.
 */
abstract class RunsApiContract extends NodeTestBase {
    static final Duration FINISH = Duration.ofSeconds(30);
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
    void aSubmittedRunIsAnsweredWith202AndRunsToItsEndWithStepsAndTotals() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var accepted = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(),
                body("input", "What is 17.5% of 2,340, rounded to cents?")));

        assertThat(accepted.status()).isEqualTo(202);
        var id = accepted.json().path("id").asText();
        assertThat(accepted.header("Location")).contains("/v1/runs/" + id);
        assertThat(accepted.json().path("status").asText()).isEqualTo("queued");
        assertThat(accepted.json().path("user_id").asText()).isEqualTo("alice");

        awaitFinished(api, key, id, FINISH);
        var run = check("GET", "/v1/runs/{id}", api.get("/v1/runs/" + id, key.secret())).json();
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("stop_reason").asText()).isEqualTo("completed");
        assertThat(run.path("output").asText()).contains("409.50");
        assertThat(types(run.path("steps"))).contains("model_call", "tool_call");
        assertThat(run.path("steps").get(0).path("model").asText()).isNotBlank();
        assertThat(run.path("totals").path("usage").path("output_tokens").asLong()).isPositive();
        assertThat(run.path("attempts").asInt()).isEqualTo(1);
        assertThat(run.path("finished_at").isNull()).isFalse();
    }

    @Test
    void waitHoldsTheResponseAndReturnsTheFinishedRunWith200() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var response = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(),
                body("input", "What is 6 times 7?", "wait", 30, "limits", Map.of("max_steps", 4, "deadline", 60))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(response.json().path("limits").path("max_steps").asInt()).isEqualTo(4);
        assertThat(response.json().path("limits").path("deadline").asInt()).isEqualTo(60);
        assertThat(response.json().path("steps").size()).isPositive();
    }

    @Test
    void aDeadlineAndAWaitMayBeWrittenAsDurations() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var response = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(),
                body("input", "What is 6 times 8?", "wait", "30s", "limits", Map.of("deadline", "2m"))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("limits").path("deadline").asInt()).isEqualTo(120);

        var iso = api.post("/v1/runs", key.secret(), body("input", "hi", "limits", Map.of("deadline", "PT45S")));
        assertThat(iso.json().path("limits").path("deadline").asInt()).isEqualTo(45);
        var fraction = api.post("/v1/runs", key.secret(), body("input", "hi", "limits", Map.of("deadline", "1500ms")));
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().path("errors").get(0).path("field").asText()).isEqualTo("limits.deadline");
        var tooLong = api.post("/v1/runs", key.secret(), body("input", "hi", "limits", Map.of("deadline", "2h")));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("detail").asText()).contains("between 1 and 3600 seconds, but was 2h");
    }

    @Test
    void runsAreListedNewestFirstInPagesWithOpaqueCursors() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var ids = new ArrayList<String>();
        for (int i = 1; i <= 3; i++) {
            ids.add(submit(api, key, "What is " + i + " plus " + i + "?"));
        }
        ids.forEach(id -> awaitFinished(api, key, id, FINISH));

        var first = check("GET", "/v1/runs", api.get("/v1/runs?limit=2", key.secret())).json();
        assertThat(first.path("has_more").asBoolean()).isTrue();
        var cursor = first.path("next_cursor").asText();
        var second = check("GET", "/v1/runs", api.get("/v1/runs?limit=2&cursor=" + cursor, key.secret())).json();
        assertThat(second.path("has_more").asBoolean()).isFalse();
        assertThat(second.path("next_cursor").isNull()).isTrue();

        var listed = new ArrayList<String>();
        first.path("data").forEach(r -> listed.add(r.path("id").asText()));
        second.path("data").forEach(r -> listed.add(r.path("id").asText()));
        assertThat(listed).containsExactly(ids.get(2), ids.get(1), ids.get(0));

        var succeeded = api.get("/v1/runs?status=succeeded", key.secret()).json();
        assertThat(succeeded.path("data").size()).isEqualTo(3);
        assertThat(api.get("/v1/runs?status=failed", key.secret()).json().path("data").size()).isZero();
    }

    @Test
    void aMemberSeesOnlyItsOwnRunsAndAnAdminSeesTheWholeTenant() {
        var admin = newTenant(server, Role.ADMIN, "admin");
        var bob = anotherKey(server, admin, Role.MEMBER, "bob");
        var carol = anotherKey(server, admin, Role.MEMBER, "carol");
        var bobs = submit(api, bob, "What is 1 plus 1?");
        var carols = submit(api, carol, "What is 2 plus 2?");

        assertThat(ids(api.get("/v1/runs", bob.secret()).json())).containsExactly(bobs);
        assertThat(ids(api.get("/v1/runs", admin.secret()).json())).containsExactlyInAnyOrder(bobs, carols);
        assertThat(ids(api.get("/v1/runs?user_id=carol", admin.secret()).json())).containsExactly(carols);
        assertThat(api.get("/v1/runs/" + carols, bob.secret()).status()).isEqualTo(404);
        assertThat(api.get("/v1/runs/" + carols, admin.secret()).status()).isEqualTo(200);
        var forbidden = check("GET", "/v1/runs", api.get("/v1/runs?user_id=carol", bob.secret()));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.problemType()).isEqualTo("forbidden");
    }

    @Test
    void aRunInAConversationContinuesItsHistory() {
        var key = newTenant(server, Role.MEMBER, "dana");
        var created = check("POST", "/v1/conversations", api.post("/v1/conversations", key.secret(), null));
        assertThat(created.status()).isEqualTo(201);
        var conversation = created.json().path("id").asText();
        assertThat(created.header("Location")).contains("/v1/conversations/" + conversation);

        var first = api.post("/v1/runs", key.secret(), body("input", "What's the weather in Lisbon?",
                "conversation_id", conversation, "wait", 30)).json();
        var second = api.post("/v1/runs", key.secret(), body("input", "And what about Porto?",
                "conversation_id", conversation, "wait", 30)).json();
        assertThat(first.path("status").asText()).isEqualTo("succeeded");
        assertThat(second.path("status").asText()).isEqualTo("succeeded");

        var opened = server.store().journal().read(second.path("id").asText()).stream()
                .map(r -> r.entry()).filter(RunOpened.class::isInstance).map(RunOpened.class::cast).findFirst()
                .orElseThrow();
        assertThat(opened.request().history()).hasSize(2);
        assertThat(opened.request().history().get(0).text()).contains("Lisbon");

        var view = check("GET", "/v1/conversations/{id}", api.get("/v1/conversations/" + conversation,
                key.secret())).json();
        assertThat(view.path("messages").size()).isEqualTo(4);
        assertThat(view.path("messages").get(2).path("text").asText()).isEqualTo("And what about Porto?");
        assertThat(ids(view.path("runs"))).containsExactly(second.path("id").asText(), first.path("id").asText());
        assertThat(ids(api.get("/v1/runs?conversation_id=" + conversation, key.secret()).json()))
                .hasSize(2);
    }

    @Test
    void aDeletedConversationIsGoneButItsRunsStay() {
        var key = newTenant(server, Role.MEMBER, "erin");
        var conversation = api.post("/v1/conversations", key.secret(), "{}").json().path("id").asText();
        var run = api.post("/v1/runs", key.secret(), body("input", "What is 3 plus 4?", "conversation_id",
                conversation, "wait", 30)).json().path("id").asText();

        var deleted = check("DELETE", "/v1/conversations/{id}", api.delete("/v1/conversations/" + conversation,
                key.secret()));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(check("GET", "/v1/conversations/{id}", api.get("/v1/conversations/" + conversation,
                key.secret())).status()).isEqualTo(404);
        assertThat(check("DELETE", "/v1/conversations/{id}", api.delete("/v1/conversations/" + conversation,
                key.secret())).status()).isEqualTo(404);
        var refused = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "More?",
                "conversation_id", conversation)));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(api.get("/v1/runs/" + run, key.secret()).status()).isEqualTo(200);
    }

    @Test
    void cancellingAFinishedRunLeavesItAsItWas() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var id = api.post("/v1/runs", key.secret(), body("input", "What is 5 plus 5?", "wait", 30)).json()
                .path("id").asText();
        var cancelled = check("POST", "/v1/runs/{id}/cancel", api.post("/v1/runs/" + id + "/cancel", key.secret(),
                null));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aFinishedRunsEventsAreStreamedWithSequentialIdsAndTheStreamEnds() throws Exception {
        var key = newTenant(server, Role.ADMIN, "alice");
        var id = api.post("/v1/runs", key.secret(), body("input", "What is 8 times 9?", "wait", 30)).json()
                .path("id").asText();
        try (var stream = api.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            var events = stream.readToEnd(FINISH);
            assertThat(events).isNotEmpty();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).id()).isEqualTo(i + 1);
                assertThat(events.get(i).json().path("seq").asLong()).isEqualTo(i + 1);
                assertThat(events.get(i).json().path("type").asText()).isEqualTo(events.get(i).event());
            }
            assertThat(events.getFirst().event()).isEqualTo("run_started");
            assertThat(events.getLast().event()).isEqualTo("run_finished");
            assertThat(events.getLast().json().path("stop_reason").asText()).isEqualTo("completed");
        }
    }

    @Test
    void healthReadinessAndTheOpenApiDocumentNeedNoKey() {
        var live = check("GET", "/healthz", api.get("/healthz", null));
        assertThat(live.status()).isEqualTo(200);
        var ready = check("GET", "/readyz", api.get("/readyz", null));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
        var checks = new HashSet<String>();
        ready.json().path("checks").forEach(c -> checks.add(c.path("name").asText()));
        assertThat(checks).contains("store", "migrations", "breakers");
        var openApi = check("GET", "/openapi.json", api.get("/openapi.json", null));
        assertThat(openApi.json().path("openapi").asText()).isEqualTo("3.1.0");
        var paths = new ArrayList<String>();
        openApi.json().path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/v1/runs",
                "/v1/runs/{id}", "/v1/runs/{id}/events", "/v1/runs/{id}/cancel", "/v1/conversations",
                "/v1/conversations/{id}", "/v1/budgets", "/healthz", "/readyz", "/openapi.json", "/v1/runs/{id}/timeline",
                "/v1/runs/{id}/approvals", "/metrics", "/v1/usage");
    }

    @Test
    void aRunJoinsTheCallersTraceAndHasATimelineAndEveryRequestIsMeasuredByItsRoute() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var accepted = check("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "What is 6 times 7?"),
                Map.of("traceparent", caller)));
        assertThat(accepted.header("traceparent")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
        var id = accepted.json().path("id").asText();
        awaitFinished(api, key, id, FINISH);

        var run = check("GET", "/v1/runs/{id}", api.get("/v1/runs/" + id, key.secret())).json();
        assertThat(run.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        var timeline = check("GET", "/v1/runs/{id}/timeline", api.get("/v1/runs/" + id + "/timeline",
                key.secret())).json();
        assertThat(timeline.path("run_id").asText()).isEqualTo(id);
        var kinds = new ArrayList<String>();
        timeline.path("entries").forEach(e -> {
            kinds.add(e.path("kind").asText());
            assertThat(e.path("end_ms").asLong()).isGreaterThanOrEqualTo(e.path("start_ms").asLong());
            assertThat(e.path("retries").isInt()).as("every entry says its retries: %s", e).isTrue();
            assertThat(e.path("node").asText()).as("every entry names its node: %s", e)
                    .isEqualTo(server.workerName());
        });
        assertThat(kinds).contains("model");
        assertThat(timeline.path("duration_ms").asLong()).isGreaterThanOrEqualTo(0);

        var metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("application/openmetrics-text");
        assertThat(metrics.body()).contains("http_route=\"/v1/runs/{id}\"", "mainstay_queue_depth",
                "gen_ai_client_operation_duration_seconds_count", "mainstay_runs_finished_total", "mainstay_sse_clients")
                .doesNotContain(id);
        assertThat(metrics.body()).as("the queue gauges hold readings, not NaN")
                .containsPattern("(?m)^mainstay_queue_depth \\d")
                .containsPattern("(?m)^mainstay_runs_running \\d");
    }

    static java.util.List<String> types(JsonNode steps) {
        var types = new ArrayList<String>();
        steps.forEach(s -> types.add(s.path("type").asText()));
        return types;
    }

    static java.util.List<String> ids(JsonNode listOrArray) {
        var array = listOrArray.has("data") ? listOrArray.path("data") : listOrArray;
        var ids = new ArrayList<String>();
        array.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }
}
