package dev.mainstay.server.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunStarted;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.server.internal.service.RunService;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.store.Admission;
import dev.mainstay.store.EventLog;
import dev.mainstay.store.NewRun;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoredResponse;
import dev.mainstay.store.Stores;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.Toolbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that closed a run's journal and died before it finished the run — before its last events, the
 * {@code run_finished} among them, were stored with the run's end. The next claim resumes a closed journal: nothing
 * runs, but the run ends, and its stream ends with {@code run_finished}, so no follower waits forever. On the real
 * SQLite store, with a node's real workers.
 */
class ClosedJournalResumeTest {
    static final Duration LEASE = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final InstantSource clock = InstantSource.system();
    private final RunSignals signals = new RunSignals();
    private final ScriptedModel model = new ScriptedModel();
    private Store store;
    private Workers workers;
    private AgentLoop loop;

    @AfterEach
    void close() {
        if (workers != null) {
            workers.close();
        }
        if (loop != null) {
            loop.close();
        }
        store.close();
    }

    @Test
    void aRunWhoseWorkerDiedAfterClosingItsJournalEndsAndItsStreamEndsWithRunFinished() throws Exception {
        store = Stores.open(Databases.sqlite(dir), clock);
        var tenant = store.tenants().create("acme", clock.instant()).id();
        var admission = store.runs().accept(new NewRun("run_closed", tenant, "alice", Optional.empty(), "hi",
                RunLimits.DEFAULTS, Optional.empty(), clock.instant()), Optional.empty(), OnBusy.ENQUEUE,
                r -> new StoredResponse(202, "application/json", "{}"));
        var accepted = ((Admission.Accepted) admission).run();
        // the worker that died: it opened and closed the journal, stored its first event, and never finished
        var dead = store.queue().claim("node_dead", clock.instant(), LEASE).orElseThrow();
        var now = clock.instant();
        var request = new RunRequest("run_closed", tenant, "alice", "hi");
        store.journal().append(dead.fence(), new RunOpened(request, "test", "claude-sonnet-4-5", RunLimits.DEFAULTS,
                now.plus(Duration.ofMinutes(2)), now));
        store.journal().append(dead.fence(), new RunClosed(RunStopReason.COMPLETED, Optional.empty(), now));
        store.events().append(dead.fence(), new RunStarted(new EventMeta("run_closed", tenant, 1, now), "alice",
                "test", false));

        workers = Workers.prepare(store, signals, "node_a", new Workers.Settings(4, LEASE, Duration.ofMillis(300),
                Duration.ofMillis(100)), clock);
        loop = AgentLoop.builder(model).journal(workers.journal()).listener(workers.listener()).clock(clock).build();
        workers.start(loop, new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS, false,
                false));
        var runs = new RunService(store, IdGenerator.random(), clock, signals, workers, Duration.ofMillis(100));

        var run = runs.awaitFinished(accepted, WAIT);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(model.requests()).as("a closed journal runs nothing again").isEmpty();
        var events = store.events().after(tenant, "run_closed", 0, 100);
        assertThat(events).extracting(EventLog.StoredEvent::type).containsExactly("run_started", "run_finished");
        assertThat(events).extracting(EventLog.StoredEvent::seq).containsExactly(1L, 2L);
    }
}
