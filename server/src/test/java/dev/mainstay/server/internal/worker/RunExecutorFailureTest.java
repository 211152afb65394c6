package dev.mainstay.server.internal.worker;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.policy.AgentPolicy;
import dev.mainstay.policy.InjectionDetector;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.server.internal.service.RunService;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.store.Admission;
import dev.mainstay.store.EventLog;
import dev.mainstay.store.NewRun;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreException;
import dev.mainstay.store.StoredResponse;
import dev.mainstay.store.Stores;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.ToolExecution;
import dev.mainstay.tool.Toolbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A run whose execution throws something unexpected is ended, not resumed into the same failure lease after lease:
 * a bug fails it with {@code internal_error} on its first claim; a failing store, or the JVM running out of memory,
 * still leaves it to its lease and the next claim. On the real SQLite store, with a node's real workers.
 */
class RunExecutorFailureTest {
    /** The lease of {@code TestNode}: short enough for a resume to come soon, long enough for a loaded machine. */
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration RENEW = Duration.ofMillis(500);
    static final Duration POLL = Duration.ofMillis(100);
    /** The most a test waits for a run to end: several leases. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final InstantSource clock = InstantSource.system();
    private final RunSignals signals = new RunSignals();
    private final ScriptedModel model = new ScriptedModel();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ch.qos.logback.classic.Logger executorLog =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RunExecutor.class);
    private Store store;
    private String tenant;
    private Workers workers;
    private AgentLoop loop;
    private RunService runs;

    @BeforeEach
    void openStore() {
        store = Stores.open(Databases.sqlite(dir), clock);
        tenant = store.tenants().create("acme", clock.instant()).id();
        log.start();
        executorLog.addAppender(log);
    }

    @AfterEach
    void close() {
        executorLog.detachAppender(log);
        if (workers != null) {
            workers.close();
        }
        if (loop != null) {
            loop.close();
        }
        store.close();
    }

    private void start(AgentSpec agent, int capacity) {
        workers = Workers.prepare(store, signals, "node_a", new Workers.Settings(capacity, LEASE, RENEW, POLL),
                clock);
        loop = AgentLoop.builder(model).journal(workers.journal()).listener(workers.listener()).clock(clock).build();
        workers.start(loop, agent);
        runs = new RunService(store, IdGenerator.random(), clock, signals, workers, POLL);
    }

    private static AgentSpec agent() {
        return new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS, false, false);
    }

    /** An agent with one concurrent tool whose output is inspected, by {@code detector}, on the call's thread. */
    private static AgentSpec agentInspectingWith(InjectionDetector detector) {
        var fetch = FakeTool.echo("fetch");
        var tool = new FakeTool(fetch.spec().withExecution(ToolExecution.CONCURRENT)
                .withOutputTrust(OutputTrust.UNTRUSTED), fetch::execute);
        var policy = AgentPolicy.builder().enforced(false).planThenExecute(false).detector(detector).build();
        return new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(tool), RunLimits.DEFAULTS, false, false, 0,
                policy);
    }

    /** Submits a run and waits for its end as {@code POST /v1/runs} with {@code wait} does. */
    private RunRecord submitAndAwait(String runId) throws InterruptedException {
        var admission = store.runs().accept(new NewRun(runId, tenant, "alice", Optional.empty(), "hi",
                RunLimits.DEFAULTS, Optional.empty(), clock.instant()), Optional.empty(), OnBusy.ENQUEUE,
                r -> new StoredResponse(201, "application/json", "{}"));
        assertThat(admission).isInstanceOf(Admission.Accepted.class);
        return runs.awaitFinished(((Admission.Accepted) admission).run(), WAIT);
    }

    private List<Recorded> journal(String runId) {
        return store.journal().read(runId);
    }

    private List<EventLog.StoredEvent> events(String runId) {
        return store.events().after(tenant, runId, 0, 1_000);
    }

    private void assertFailedWithInternalErrorOnItsFirstClaim(RunRecord run, String naming) {
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.stopReason()).contains(RunStopReason.FAILED);
        assertThat(run.error()).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("internal_error");
            assertThat(e.message()).contains(naming).contains("node node_a's log has the details");
        });
        assertThat(run.leaseEpoch()).isEqualTo(1);
        assertThat(run.attempts()).isEqualTo(1);
        assertThat(journal(run.id()).getLast().entry()).isInstanceOfSatisfying(RunClosed.class, closed -> {
            assertThat(closed.reason()).isEqualTo(RunStopReason.FAILED);
            assertThat(closed.error()).isEqualTo(run.error());
        });
        var events = events(run.id());
        assertThat(events).extracting(EventLog.StoredEvent::type).containsOnlyOnce("run_started")
                .endsWith("run_finished");
        assertThat(events.getLast().json()).contains("internal_error");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).seq()).isEqualTo(i + 1);
        }
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains(run.id()).contains(naming);
            assertThat(e.getThrowableProxy()).isNotNull();
        });
    }

    @Test
    void aModelClientFailingAnAssertionFailsTheRunWithInternalErrorOnItsFirstClaim() throws Exception {
        model.then((request, context) -> {
            throw new AssertionError("the key sk-live-123 was refused");
        });
        start(agent(), 4);

        var run = submitAndAwait("run_assert");

        assertFailedWithInternalErrorOnItsFirstClaim(run, "AssertionError");
        assertThat(run.error().orElseThrow().message()).doesNotContain("sk-live-123");
        assertThat(model.requests()).hasSize(1);
        assertThat(workers.inFlight()).isZero();
    }

    @Test
    void aBugOnAToolCallsThreadFailsTheRunWithInternalErrorNamingItsCause() throws Exception {
        model.then(toolUse(use("toolu_1", "fetch", Map.of("text", "x")))).then(text("never asked"));
        start(agentInspectingWith(text -> {
            throw new NullPointerException("detector state");
        }), 4);

        var run = submitAndAwait("run_npe");

        assertFailedWithInternalErrorOnItsFirstClaim(run, "IllegalStateException, caused by NullPointerException");
        assertThat(journal(run.id())).filteredOn(r -> r.entry() instanceof ToolStep).hasSize(1);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void aStoreFailureEscapingTheLoopLeavesTheRunToItsLeaseAndTheNextClaimResumesIt() throws Exception {
        var inspections = new AtomicInteger();
        model.then(toolUse(use("toolu_1", "fetch", Map.of("text", "x")))).then(text("done"));
        start(agentInspectingWith(text -> {
            if (inspections.incrementAndGet() == 1) {
                throw new StoreException("the database went away");
            }
            return dev.mainstay.policy.Detection.CLEAN;
        }), 4);

        var run = submitAndAwait("run_store");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.output()).contains("done");
        assertThat(run.leaseEpoch()).isEqualTo(2);
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    @Test
    void runningOutOfMemoryLeavesTheRunToItsLeaseAndFreesTheNodesSlotForTheNextClaim() throws Exception {
        model.then((request, context) -> {
            throw new OutOfMemoryError("simulated");
        }).then(text("done"));
        start(agent(), 1); // one slot: the resume needs the slot the first execution held

        var run = submitAndAwait("run_oom");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.leaseEpoch()).isEqualTo(2);
        assertThat(model.requests()).hasSize(2);
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    }
}
