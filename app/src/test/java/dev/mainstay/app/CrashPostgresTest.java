package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mainstay.journal.ToolStep;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Stores;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test in the suite: two {@code mainstay serve} processes on PostgreSQL, a few dozen runs that save notes
 * with the simulator holding each model call, one node SIGKILLed while it holds runs. Every accepted run finishes;
 * no note is saved twice (note_writes by idempotency key); every event stream followed through the surviving node,
 * including those of runs that moved, is complete — no gap, no duplicate. (The benchmark in bench/ does the same
 * with a thousand runs and repeated kills.)
 */
class CrashPostgresTest {
    static final int RUNS = 30;
    static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void killingANodeLosesNoRunAndRepeatsNoSideEffect() throws Exception {
        try (var schema = Databases.postgres("crash")) {
            TestNode.Key key;
            try (var store = Stores.open(schema.store(), InstantSource.system())) {
                key = TestNode.tenantWithKey(store, "crash", Role.MEMBER, "ops");
            }
            var env = new HashMap<String, String>(Map.of("HOME", dir.toString(), "MAINSTAY_DB_URL", schema.url(),
                    "MAINSTAY_SIM_LATENCY", "1s..2s", "MAINSTAY_LEASE_DURATION", "2s",
                    "MAINSTAY_LEASE_RENEW_INTERVAL", "500ms", "MAINSTAY_POLL_INTERVAL", "100ms",
                    "MAINSTAY_DB_POOL_SIZE", "8"));
            try (var doomed = ServeProcess.start(dir, "node-1", env);
                    var survivor = ServeProcess.start(dir, "node-2", env)) {
                doomed.awaitListening(BOUND);
                survivor.awaitListening(BOUND);
                var nodes = List.of(new ApiClient(doomed.url()), new ApiClient(survivor.url()));
                var ids = new ArrayList<String>();
                for (int i = 0; i < RUNS; i++) {
                    var response = nodes.get(i % 2).post("/v1/runs", key.secret(),
                            "{\"input\": \"Save a note titled \\\"crash " + i + "\\\" saying run " + i + " survived.\"}");
                    assertThat(response.status()).as(response.toString()).isEqualTo(202);
                    ids.add(response.json().path("id").asText());
                }
                try (var store = Stores.open(schema.store(), InstantSource.system())) {
                    await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).alias("node 1 holds runs")
                            .until(() -> held(store, key.tenantId(), doomed.worker()) >= 2);
                }
                var streams = followAll(nodes.get(1), key, ids);
                doomed.kill();

                var api = nodes.get(1);
                await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> ids.stream()
                        .allMatch(id -> !Set.of("queued", "running").contains(status(api, key, id))));

                try (var store = Stores.open(schema.store(), InstantSource.system())) {
                    int moved = 0;
                    for (var id : ids) {
                        var run = store.runs().find(key.tenantId(), id).orElseThrow();
                        assertThat(run.status()).as(id + "\n" + survivor.output()).isEqualTo(RunStatus.SUCCEEDED);
                        moved += run.attempts() > 1 ? 1 : 0;
                        var saves = store.journal().read(id).stream().map(r -> r.entry())
                                .filter(e -> e instanceof ToolStep t && t.tool().equals("save_note"))
                                .map(ToolStep.class::cast).toList();
                        assertThat(saves).as("save_note outcomes of " + id).hasSize(1);
                        assertThat(store.notes().findWrite(key.tenantId(), "ops", saves.getFirst().toolUseId()))
                                .isPresent();
                    }
                    assertThat(moved).as("runs that moved to the surviving node").isPositive();
                    assertThat(store.notes().list(key.tenantId(), "ops")).hasSize(RUNS);
                }
                assertThat(noteWritesByKey(schema)).as("note_writes per idempotency key")
                        .hasSize(RUNS).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));

                for (var id : ids) {
                    var events = streams.get(id).get();
                    var seqs = events.stream().map(ApiClient.Event::id).toList();
                    var expected = new ArrayList<Long>();
                    for (long s = 1; s <= seqs.size(); s++) {
                        expected.add(s);
                    }
                    assertThat(seqs).as("event ids of " + id).containsExactlyElementsOf(expected);
                    assertThat(events.getLast().event()).isEqualTo("run_finished");
                    assertThat(events.getLast().json().path("stop_reason").asText()).isEqualTo("completed");
                }
                assertThat(survivor.terminate(Duration.ofSeconds(60))).as(survivor.output()).isZero();
            }
        }
    }

    private static Map<String, Future<List<ApiClient.Event>>> followAll(ApiClient api, TestNode.Key key,
            List<String> ids) {
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        var streams = new ConcurrentHashMap<String, Future<List<ApiClient.Event>>>();
        for (var id : ids) {
            streams.put(id, pool.submit(() -> {
                try (var stream = api.events("/v1/runs/" + id + "/events", key.secret(), Map.of())) {
                    return stream.readToEnd(BOUND);
                }
            }));
        }
        return streams;
    }

    private static long held(dev.mainstay.store.Store store, String tenant, String worker) {
        return store.runs().list(tenant, new RunFilter(Optional.empty(), Optional.of(RunStatus.RUNNING),
                Optional.empty(), Optional.empty(), 100)).items().stream()
                .filter(r -> r.leaseOwner().map(worker::equals).orElse(false)).count();
    }

    private static String status(ApiClient api, TestNode.Key key, String id) {
        return api.get("/v1/runs/" + id, key.secret()).json().path("status").asText();
    }

    private static Map<String, Integer> noteWritesByKey(Databases.Schema schema) throws Exception {
        var counts = new HashMap<String, Integer>();
        try (var connection = DriverManager.getConnection(schema.url());
                var rows = connection.createStatement().executeQuery(
                        "SELECT idempotency_key, count(*) FROM note_writes GROUP BY idempotency_key")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
