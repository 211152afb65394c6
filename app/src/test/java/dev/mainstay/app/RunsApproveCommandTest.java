package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.json.Json;
import dev.mainstay.model.Usage;
import dev.mainstay.policy.Verdict;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.store.Admission;
import dev.mainstay.store.NewRun;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.RunEnd;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.StoredResponse;
import dev.mainstay.store.Stores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mainstay runs approve|deny}: an operator's decision on a paused run in the configured database. */
class RunsApproveCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String runId;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("mainstay.db");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        var env = Map.of("HOME", dir.toString(), "MAINSTAY_DB_URL", url(), "MAINSTAY_USER", "ops");
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A run of tenant acme that paused for approval of its save_note call toolu_1. */
    @BeforeEach
    void pausedRun() {
        try (var store = Stores.open(StoreConfig.of(url()), InstantSource.system())) {
            var now = Instant.now();
            var tenant = store.tenants().create("acme", now);
            var admission = store.runs().accept(new NewRun("run_paused", tenant.id(), "alice", Optional.empty(),
                    "Search for the tallest building in Europe.", RunLimits.DEFAULTS, Optional.empty(), now),
                    Optional.empty(), OnBusy.ENQUEUE, r -> new StoredResponse(202, "application/json", "{}"));
            runId = ((Admission.Accepted) admission).run().id();
            var claim = store.queue().claim("worker-1", now, Duration.ofSeconds(30)).orElseThrow();
            store.journal().append(claim.fence(), new RunOpened(new RunRequest(runId, tenant.id(), "alice",
                    "Search for the tallest building in Europe.", RunRequest.NO_CONVERSATION, List.of()), "reference",
                    "claude-sonnet-4-5", RunLimits.DEFAULTS, now.plusSeconds(120), now));
            store.journal().append(claim.fence(), new PolicyDecision(2, "toolu_1", "save_note",
                    Json.object().put("title", "Tallest").put("body", "Pwned"),
                    new Verdict.NeedsApproval(Verdict.Rules.UNPLANNED_SIDE_EFFECT, "save_note was not planned"), now));
            store.queue().finish(claim.fence(), new RunEnd(RunStopReason.AWAITING_APPROVAL, "", Optional.empty(),
                    Usage.ZERO, Cost.ZERO, now));
        }
    }

    private List<ApprovalDecided> decisions() {
        try (var store = Stores.open(StoreConfig.of(url()), InstantSource.system())) {
            return store.journal().read(runId).stream().map(Recorded::entry)
                    .filter(e -> e instanceof ApprovalDecided).map(ApprovalDecided.class::cast).toList();
        }
    }

    private RunStatus status() {
        try (var store = Stores.open(StoreConfig.of(url()), InstantSource.system())) {
            var tenant = store.tenants().findByName("acme").orElseThrow();
            return store.runs().find(tenant.id(), runId).orElseThrow().status();
        }
    }

    @Test
    void anOperatorApprovesAPausedCallOnceAndTheRunIsQueuedAgain() {
        assertThat(run("runs", "approve", runId, "--tool-use", "toolu_1", "--reason", "checked it"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("approved toolu_1 of run " + runId,
                "as cli:ops", "the run is queued");
        assertThat(status()).isEqualTo(RunStatus.QUEUED);
        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.approved()).isTrue();
            assertThat(d.by()).isEqualTo("cli:ops");
            assertThat(d.comment()).isEqualTo("checked it");
        });

        assertThat(run("runs", "deny", runId, "--tool-use", "toolu_1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement()
                .satisfies(l -> assertThat(l).contains("already decided", "approved by cli:ops"));
        assertThat(decisions()).hasSize(1);
    }

    @Test
    void mistakesGetOneLineAndChangeNothing() {
        assertThat(run("runs", "deny", runId, "--tool-use", "toolu_other")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no call toolu_other");
        assertThat(run("runs", "approve", "run_missing", "--tool-use", "toolu_1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no run run_missing");
        assertThat(run("runs", "approve", runId, "--tool-use", "not an id")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1);
        assertThat(run("runs", "approve", runId)).isEqualTo(2);
        assertThat(decisions()).isEmpty();
        assertThat(status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    }
}
