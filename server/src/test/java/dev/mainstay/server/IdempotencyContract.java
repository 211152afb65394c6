package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.store.Principal.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on every POST: replays, conflicts, and concurrent duplicates that make one run. */
abstract class IdempotencyContract extends NodeTestBase {
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node().simLatency("500ms")); // a run takes a second: long enough to send a duplicate into
        api = new ApiClient(server.baseUrl());
    }

    @Test
    void theSameKeyAndBodyReplayTheFirstResponseAsItWas() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var headers = headers("Idempotency-Key", "order-1");
        var first = api.post("/v1/runs", key.secret(), "{\"input\": \"What is 2 plus 3?\", \"on_busy\": \"enqueue\"}",
                headers);
        // the same request written differently: other key order, other spacing
        var again = api.post("/v1/runs", key.secret(), "{\"on_busy\":\"enqueue\",\"input\":\"What is 2 plus 3?\"}",
                headers);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        OpenApiContract.check("POST", "/v1/runs", again);
        assertThat(api.get("/v1/runs", key.secret()).json().path("data").size()).isEqualTo(1);

        var changed = api.post("/v1/runs", key.secret(), body("input", "What is 2 plus 4?"), headers);
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.problemType()).isEqualTo("idempotency-key-reused");
        // the key on another route is another request too
        var elsewhere = api.post("/v1/conversations", key.secret(), null, headers);
        assertThat(elsewhere.status()).isEqualTo(422);
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneRun() throws Exception {
        var key = newTenant(server, Role.ADMIN, "alice");
        var headers = headers("Idempotency-Key", "burst");
        var body = body("input", "What is 11 times 11?");
        var tasks = new ArrayList<Callable<ApiClient.Response>>();
        for (int i = 0; i < 24; i++) {
            tasks.add(() -> api.post("/v1/runs", key.secret(), body, headers));
        }
        var ids = new HashSet<String>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var future : pool.invokeAll(tasks)) {
                var response = future.get();
                assertThat(response.status()).as(response.toString()).isIn(202, 409);
                if (response.status() == 202) {
                    ids.add(response.json().path("id").asText());
                } else {
                    assertThat(response.problemType()).isEqualTo("idempotency-key-in-flight");
                }
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(api.get("/v1/runs", key.secret()).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void aRequestThatWaitedForItsRunIsReplayedWithItsFinalAnswerAndADuplicateMeanwhileGets409() throws Exception {
        var key = newTenant(server, Role.ADMIN, "alice");
        var headers = headers("Idempotency-Key", "waited-1");
        var body = body("input", "What is 12 times 12?", "wait", 60);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> api.post("/v1/runs", key.secret(), body, headers));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .pollInterval(java.time.Duration.ofMillis(10))
                    .until(() -> api.get("/v1/runs", key.secret()).json().path("data").size() == 1);

            var meanwhile = api.post("/v1/runs", key.secret(), body, headers);
            var answered = first.get(90, java.util.concurrent.TimeUnit.SECONDS);
            var replayed = api.post("/v1/runs", key.secret(), body, headers);

            assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(409);
            assertThat(meanwhile.problemType()).isEqualTo("idempotency-key-in-flight");
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.json().path("status").asText()).isEqualTo("succeeded");
            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.body()).isEqualTo(answered.body());
            assertThat(replayed.header("Idempotent-Replayed")).contains("true");
            assertThat(replayed.header("Location")).isEqualTo(answered.header("Location"));
            assertThat(api.get("/v1/runs", key.secret()).json().path("data").size()).isEqualTo(1);
        }
    }

    @Test
    void conversationsAndCancellationsReplayToo() {
        var key = newTenant(server, Role.ADMIN, "alice");
        var create = headers("Idempotency-Key", "conv-1");
        var first = api.post("/v1/conversations", key.secret(), "{}", create);
        var again = api.post("/v1/conversations", key.secret(), "{ }", create);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));

        var run = api.post("/v1/runs", key.secret(), body("input", "What is 1 plus 9?", "wait", 30)).json()
                .path("id").asText();
        var cancel = headers("Idempotency-Key", "cancel-1");
        var cancelled = api.post("/v1/runs/" + run + "/cancel", key.secret(), null, cancel);
        var replayed = api.post("/v1/runs/" + run + "/cancel", key.secret(), null, cancel);
        assertThat(replayed.status()).isEqualTo(cancelled.status());
        assertThat(replayed.body()).isEqualTo(cancelled.body());
        assertThat(replayed.header("Idempotent-Replayed")).contains("true");
        OpenApiContract.check("POST", "/v1/runs/{id}/cancel", replayed);
    }
}
