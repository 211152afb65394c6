package dev.mainstay.server.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.store.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class with real nodes on one database — SQLite or PostgreSQL, as the subclass says — started once for the
 * class; each test makes its own tenant, so tests never see each other's runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NodeTestBase {
    protected final List<AutoCloseable> cleanup = new ArrayList<>();
    protected Path home;
    protected dev.mainstay.store.StoreConfig storeConfig;

    protected abstract Databases.Kind database();

    @BeforeAll
    void openDatabase() throws Exception {
        home = Files.createTempDirectory("mainstay-test-");
        storeConfig = Databases.of(database(), home, getClass().getSimpleName(), cleanup);
    }

    @AfterAll
    void closeEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                // best effort
            }
        }
    }

    protected TestNode node() {
        return TestNode.on(storeConfig, home);
    }

    /** Starts {@code node}; it is shut down after the class. */
    protected MainstayServer start(TestNode node) {
        var server = node.start();
        cleanup.add(server::halt);
        return server;
    }

    protected static TestNode.Key newTenant(MainstayServer server, Principal.Role role, String user) {
        return TestNode.tenantWithKey(server.store(), "t-" + UUID.randomUUID().toString().substring(0, 12), role,
                user);
    }

    protected static TestNode.Key anotherKey(MainstayServer server, TestNode.Key of, Principal.Role role,
            String user) {
        var created = server.store().keys().create(of.tenantId(), user, role, java.time.Instant.now());
        return new TestNode.Key(of.tenantId(), user, created.secret(), created.info().id());
    }

    protected static String body(Object... fieldsAndValues) {
        var node = Json.object();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            node.set((String) fieldsAndValues[i], Json.mapper().valueToTree(fieldsAndValues[i + 1]));
        }
        return Json.write(node);
    }

    /** Submits a run and returns its id. */
    protected static String submit(ApiClient api, TestNode.Key key, String input) {
        var response = api.post("/v1/runs", key.secret(), body("input", input));
        if (response.status() != 202) {
            throw new AssertionError("expected 202, got " + response);
        }
        return response.json().path("id").asText();
    }

    /** Waits for the run to finish and returns it. */
    protected static ObjectNode awaitFinished(ApiClient api, TestNode.Key key, String runId, Duration max) {
        var holder = new ObjectNode[1];
        await().atMost(max).pollInterval(Duration.ofMillis(50)).until(() -> {
            var run = api.get("/v1/runs/" + runId, key.secret());
            holder[0] = run.json();
            var status = holder[0].path("status").asText();
            return !status.equals("queued") && !status.equals("running");
        });
        return holder[0];
    }

    protected static Map<String, String> headers(String... namesAndValues) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
