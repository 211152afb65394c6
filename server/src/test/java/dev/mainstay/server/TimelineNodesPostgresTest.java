package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node that ran each step, on three nodes of one PostgreSQL: an API node and two workers. A run paused for
 * approval on one worker resumes on the other after the decision; its timeline names the worker of every step, and
 * the decision names the API node that journaled it.
 */
class TimelineNodesPostgresTest extends NodeTestBase {
    private final List<MainstayServer> nodes = new ArrayList<>();

    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }

    @Override
    protected MainstayServer start(TestNode node) {
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
    void everyTimelineEntryNamesTheWorkerThatRanIt() {
        var api = start(ApprovalsContract.underAttack(node().role(ServerRole.API), cleanup));
        var first = start(ApprovalsContract.underAttack(node().role(ServerRole.WORKER), cleanup));
        var client = new ApiClient(api.baseUrl());
        var key = newTenant(api, Role.MEMBER, "alice");
        var id = submit(client, key, ApprovalsContract.TASK);
        assertThat(awaitFinished(client, key, id, ApprovalsContract.BOUND).path("status").asText())
                .isEqualTo("awaiting_approval");
        var before = entries(client, key, id);
        assertThat(before).isNotEmpty().allSatisfy(e -> assertThat(e.path("node").asText())
                .isEqualTo(first.workerName()));

        first.halt();
        var second = start(ApprovalsContract.underAttack(node().role(ServerRole.WORKER), cleanup));
        var toolUseId = client.get("/v1/runs/" + id + "/approvals", key.secret()).json().path("pending").get(0)
                .path("tool_use_id").asText();
        var decided = client.post("/v1/runs/" + id + "/approvals", key.secret(),
                body("tool_use_id", toolUseId, "decision", "approve"));
        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().path("node").asText()).isEqualTo(api.workerName());
        assertThat(awaitFinished(client, key, id, ApprovalsContract.BOUND).path("status").asText())
                .isEqualTo("succeeded");

        var after = entries(client, key, id);
        assertThat(after.subList(0, before.size())).extracting(e -> e.path("node").asText())
                .containsOnly(first.workerName());
        var resumed = after.subList(before.size(), after.size());
        assertThat(resumed).isNotEmpty().extracting(e -> e.path("node").asText()).containsOnly(second.workerName());
        assertThat(resumed).anySatisfy(e -> assertThat(e.path("name").asText()).isEqualTo("save_note"));
    }

    private static List<JsonNode> entries(ApiClient client, TestNode.Key key, String id) {
        var timeline = OpenApiContract.check("GET", "/v1/runs/{id}/timeline",
                client.get("/v1/runs/" + id + "/timeline", key.secret())).json();
        var entries = new ArrayList<JsonNode>();
        timeline.path("entries").forEach(entries::add);
        return entries;
    }
}
