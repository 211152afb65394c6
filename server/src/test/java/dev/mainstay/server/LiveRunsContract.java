package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.store.Principal.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs in flight (the simulator takes a second per model call, and streams): cancellation, conversation order, live
 * streams.
 */
abstract class LiveRunsContract extends NodeTestBase {
    static final Duration BOUND = Duration.ofSeconds(30);
    MainstayServer server;
    ApiClient api;

    @BeforeAll
    void startNode() {
        server = start(node().simLatency("1s").env("MAINSTAY_STREAM", "true").keepAlive(Duration.ofMillis(250)));
        api = new ApiClient(server.baseUrl());
    }

    @Test
    void cancellingARunningRunStopsItAbortingItsModelCall() throws Exception {
        var key = newTenant(server, Role.ADMIN, "alice");
        var id = submit(api, key, "What is 123 times 456?");
        try (var stream = api.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
            awaitEvent(stream, "model_call_started");
            var response = OpenApiContract.check("POST", "/v1/runs/{id}/cancel",
                    api.post("/v1/runs/" + id + "/cancel", key.secret(), null));
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.json().path("cancel_requested").asBoolean()).isTrue();
            var rest = stream.readToEnd(BOUND);
            assertThat(rest.getLast().event()).isEqualTo("run_finished");
            assertThat(rest.getLast().json().path("stop_reason").asText()).isEqualTo("cancelled");
        }
        var run = awaitFinished(api, key, id, BOUND);
        assertThat(run.path("status").asText()).isEqualTo("cancelled");
        assertThat(run.path("stop_reason").asText()).isEqualTo("cancelled");
    }

    @Test
    void runsOfAConversationAreNeverInterleaved() {
        var key = newTenant(server, Role.MEMBER, "bob");
        var conversation = api.post("/v1/conversations", key.secret(), null).json().path("id").asText();
        var first = api.post("/v1/runs", key.secret(), body("input", "What is 2 plus 2?", "conversation_id",
                conversation)).json().path("id").asText();

        var refused = OpenApiContract.check("POST", "/v1/runs", api.post("/v1/runs", key.secret(),
                body("input", "And times 3?", "conversation_id", conversation, "on_busy", "reject")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("conversation-busy");
        assertThat(refused.json().path("conversation_id").asText()).isEqualTo(conversation);

        var queued = api.post("/v1/runs", key.secret(), body("input", "And times 3?", "conversation_id",
                conversation));
        assertThat(queued.status()).isEqualTo(202);
        var second = queued.json().path("id").asText();
        var firstRun = awaitFinished(api, key, first, BOUND);
        var secondRun = awaitFinished(api, key, second, BOUND);
        assertThat(Instant.parse(secondRun.path("started_at").asText()))
                .isAfterOrEqualTo(Instant.parse(firstRun.path("finished_at").asText()));
    }

    @Test
    void aQueuedRunIsCancelledAtOnce() {
        var key = newTenant(server, Role.MEMBER, "carol");
        var conversation = api.post("/v1/conversations", key.secret(), null).json().path("id").asText();
        var first = api.post("/v1/runs", key.secret(), body("input", "What is 5 plus 5?", "conversation_id",
                conversation)).json().path("id").asText();
        var second = api.post("/v1/runs", key.secret(), body("input", "And plus 1?", "conversation_id",
                conversation)).json().path("id").asText();

        var cancelled = OpenApiContract.check("POST", "/v1/runs/{id}/cancel",
                api.post("/v1/runs/" + second + "/cancel", key.secret(), "{}"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(awaitFinished(api, key, first, BOUND).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aLiveStreamResumesWithLastEventIdWithoutAGapOrADuplicate() throws Exception {
        var key = newTenant(server, Role.ADMIN, "dana");
        var id = submit(api, key, "What's the weather in Lisbon and should I take an umbrella?");
        var seen = new ArrayList<Long>();
        var types = new ArrayList<String>();
        try (var stream = api.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
            while (seen.size() < 2) {
                stream.next(BOUND).filter(e -> !e.isComment()).ifPresent(e -> {
                    seen.add(e.id());
                    types.add(e.event());
                });
            }
        }
        try (var resumed = api.events("/v1/runs/" + id + "/events", key.secret(),
                Map.of("Last-Event-ID", String.valueOf(seen.getLast())))) {
            resumed.readToEnd(BOUND).forEach(e -> {
                seen.add(e.id());
                types.add(e.event());
            });
        }
        assertThat(types).contains("text_delta", "tool_call_started", "tool_call_finished", "model_call_finished");
        var expected = new ArrayList<Long>();
        for (long i = 1; i <= seen.size(); i++) {
            expected.add(i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        try (var finished = api.events("/v1/runs/" + id + "/events?after=" + (seen.size() - 1), key.secret(),
                Map.of())) {
            var last = finished.readToEnd(BOUND);
            assertThat(last).hasSize(1);
            assertThat(last.getFirst().event()).isEqualTo("run_finished");
        }
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() throws Exception {
        var key = newTenant(server, Role.ADMIN, "erin");
        var id = submit(api, key, "What is 3 times 3?");
        try (var stream = api.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
            await().atMost(BOUND).until(() -> stream.next(BOUND).map(ApiClient.Event::isComment).orElse(true));
            assertThat(stream.raw()).contains(": keep-alive");
        }
    }

    static ApiClient.Event awaitEvent(ApiClient.EventStream stream, String type) throws InterruptedException {
        while (true) {
            var event = stream.next(BOUND).orElseThrow(() -> new AssertionError("no " + type + " event"));
            if (event.event().equals(type)) {
                return event;
            }
        }
    }
}
