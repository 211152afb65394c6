package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.store.Principal.Role;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A node whose own model-concurrency limit is full gives the run back instead of failing it: the run is resumed
 * from its journal once its lease lapses, and succeeds.
 */
class YieldSqliteTest extends NodeTestBase {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }

    @Test
    void runsRefusedByTheNodesFullModelLimiterAreResumedAndSucceed() {
        // one model call at a time and no waiting place: every call made beside another is refused at once
        var server = start(node().simLatency("300ms").workers(8)
                .env(ReliabilityConfig.MODEL_MAX_CONCURRENCY, "1").env(ReliabilityConfig.MODEL_MAX_WAITERS, "0"));
        var api = new ApiClient(server.baseUrl());
        var key = newTenant(server, Role.ADMIN, "alice");

        var ids = new ArrayList<String>();
        for (int i = 1; i <= 3; i++) {
            ids.add(submit(api, key, "What is " + i + " plus " + i + "?"));
        }

        for (var id : ids) {
            var run = awaitFinished(api, key, id, Duration.ofSeconds(90));
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
            var steps = api.get("/v1/runs/" + id, key.secret()).json().path("steps");
            steps.forEach(step -> assertThat(step.path("error").isNull() || step.path("error").isMissingNode())
                    .as("no refused call is recorded as a step: %s", step).isTrue());
        }
        var metrics = api.get("/metrics", null).body();
        assertThat(metrics).contains("mainstay_runs_yielded_total{code=\"concurrency_queue_full\"");
    }
}
