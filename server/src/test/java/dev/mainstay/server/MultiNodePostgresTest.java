package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mainstay.journal.ToolStep;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.store.Principal.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one PostgreSQL, sharing nothing else: an API node and worker nodes. Cancellation reaches a run on
 * another node; a run whose node dies resumes on another from its journal without repeating its side effect, and
 * its event stream, followed through the API node, stays complete; a node shutting down hands its runs back.
 */
class MultiNodePostgresTest extends NodeTestBase {
    static final Duration BOUND = Duration.ofSeconds(40);

    private final List<MainstayServer> nodes = new ArrayList<>();

    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }

    /** Each test has its own nodes: a worker left from another test would claim this test's runs. */
    @Override
    protected MainstayServer start(dev.mainstay.server.testing.TestNode node) {
        var server = node.start();
        nodes.add(server);
        return server;
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(MainstayServer::halt);
        nodes.clear();
    }

    @Test
    void aCancellationReachesTheRunOnWhicheverNodeRunsIt() throws Exception {
        var api = start(node().role(ServerRole.API));
        start(node().role(ServerRole.WORKER).simLatency("2s"));
        var client = new ApiClient(api.baseUrl());
        var key = newTenant(api, Role.ADMIN, "alice");
        var id = submit(client, key, "What is 21 times 2?");
        try (var stream = client.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
            LiveRunsContract.awaitEvent(stream, "model_call_started");
            long asked = System.nanoTime();
            assertThat(client.post("/v1/runs/" + id + "/cancel", key.secret(), null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                    client.get("/v1/runs/" + id, key.secret()).json().path("status").asText().equals("cancelled"));
            System.out.printf("cancelled on the worker node %d ms after the request%n",
                    (System.nanoTime() - asked) / 1_000_000);
            var rest = stream.readToEnd(BOUND);
            assertThat(rest.getLast().json().path("stop_reason").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void aRunWhoseNodeDiesResumesElsewhereAndItsSideEffectHappensOnce() throws Exception {
        var api = start(node().role(ServerRole.API));
        var doomed = start(node().role(ServerRole.WORKER).simLatency("1s"));
        var client = new ApiClient(api.baseUrl());
        var key = newTenant(api, Role.MEMBER, "bob");
        var id = submit(client, key, "Save a note titled \"resume\" saying the run moved.");
        var seen = new ArrayList<ApiClient.Event>();
        try (var stream = client.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
            while (true) {
                var event = stream.next(BOUND).orElseThrow();
                if (!event.isComment()) {
                    seen.add(event);
                }
                if (event.event().equals("tool_call_finished")) {
                    break;
                }
            }
            doomed.halt();
            start(node().role(ServerRole.WORKER).simLatency("1s"));
            seen.addAll(stream.readToEnd(BOUND));
        }

        var run = awaitFinished(client, key, id, BOUND);
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("attempts").asInt()).isEqualTo(2);
        assertThat(seen.stream().map(ApiClient.Event::id).toList()).containsExactlyElementsOf(oneTo(seen.size()));
        assertThat(seen.stream().filter(e -> e.event().equals("run_started"))
                .map(e -> e.json().path("resumed").asBoolean()).toList()).containsExactly(false, true);
        assertThat(seen.getLast().event()).isEqualTo("run_finished");

        var saves = api.store().journal().read(id).stream().map(r -> r.entry())
                .filter(e -> e instanceof ToolStep t && t.tool().equals("save_note")).map(ToolStep.class::cast)
                .toList();
        assertThat(saves).hasSize(1);
        assertThat(api.store().notes().findWrite(key.tenantId(), "bob", saves.getFirst().toolUseId())).isPresent();
        assertThat(api.store().notes().list(key.tenantId(), "bob")).hasSize(1);
    }

    @Test
    void aNodeShuttingDownHandsItsUnfinishedRunsBack() {
        var api = start(node().role(ServerRole.API));
        var leaving = start(node().role(ServerRole.WORKER).simLatency("1s").grace(Duration.ofMillis(100)));
        var client = new ApiClient(api.baseUrl());
        var key = newTenant(api, Role.ADMIN, "carol");
        var ids = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit(client, key, "What is " + i + " times 7?"));
        }
        await().atMost(BOUND).until(() -> leaving.runsInFlight() == ids.size());

        leaving.shutdown();
        assertThat(leaving.runsInFlight()).isZero();
        var stayed = start(node().role(ServerRole.WORKER).simLatency("0ms"));
        for (var id : ids) {
            var run = awaitFinished(client, key, id, BOUND);
            assertThat(run.path("status").asText()).isEqualTo("succeeded");
            assertThat(run.path("attempts").asInt()).isEqualTo(2);
        }
        assertThat(stayed.runsInFlight()).isZero();
    }

    static List<Long> oneTo(int n) {
        var list = new ArrayList<Long>();
        for (long i = 1; i <= n; i++) {
            list.add(i);
        }
        return list;
    }
}
