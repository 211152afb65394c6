package dev.mainstay.server.internal.worker;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.journal.Journal;
import dev.mainstay.server.internal.service.LocalRuns;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's workers: the dispatcher that claims runs up to the node's capacity, the executions, and the lease keeper.
 * Built in two steps because the agent loop publishes to the executions: {@link #prepare} gives the journal and the
 * listener the runtime is built with, {@link #start} takes the loop.
 *
 * <p>Shutdown ({@link #drain}): stop claiming, let the runs in flight finish within the grace period, then give the
 * rest back — nothing more journaled under their fences, their model calls aborted, their leases released so another
 * node resumes them at once from their journals.
 */
public final class Workers implements LocalRuns, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    /** How long given-up executions get to unwind after their leases were released. */
    static final Duration UNWIND = Duration.ofSeconds(2);

    private final Store store;
    private final RunSignals signals;
    private final String worker;
    private final Settings settings;
    private final InstantSource clock;
    private final Executions executions = new Executions();
    private final GuardedJournal journal;
    private Dispatcher dispatcher;
    private LeaseKeeper leases;

    /** How the node works its queue. */
    public record Settings(int capacity, Duration lease, Duration renewInterval, Duration pollInterval) {}

    private Workers(Store store, RunSignals signals, String worker, Settings settings, InstantSource clock) {
        this.store = store;
        this.signals = signals;
        this.worker = worker;
        this.settings = settings;
        this.clock = clock;
        this.journal = GuardedJournal.of(store, executions, clock);
    }

    public static Workers prepare(Store store, RunSignals signals, String worker, Settings settings,
            InstantSource clock) {
        return new Workers(Objects.requireNonNull(store), signals, worker, settings, clock);
    }

    /** The journal the agent loop must write: the store's, behind this node's own fence. */
    public Journal journal() {
        return journal;
    }

    /** The listener the agent loop must publish to. */
    public dev.mainstay.event.RunListener listener() {
        return executions;
    }

    public void start(AgentLoop loop, AgentSpec agent) {
        start(loop, agent, dev.mainstay.server.internal.observe.WorkerTelemetry.none());
    }

    /** Starts claiming; each run executes inside the trace it was submitted in ({@code telemetry}). */
    public void start(AgentLoop loop, AgentSpec agent, dev.mainstay.server.internal.observe.WorkerTelemetry telemetry) {
        var executor = new RunExecutor(store, loop, agent, journal, executions, signals, settings.lease(), clock,
                telemetry);
        leases = new LeaseKeeper(store.queue(), executions, worker, settings.lease(), settings.renewInterval(), clock);
        leases.start();
        dispatcher = new Dispatcher(store.queue(), executor, worker, settings.capacity(), settings.lease(),
                settings.pollInterval(), clock);
        dispatcher.start();
    }

    /** How many runs execute on this node now. */
    public int inFlight() {
        return executions.size();
    }

    @Override
    public boolean cancel(String runId) {
        return executions.cancel(runId);
    }

    @Override
    public boolean isExecuting(String runId) {
        return executions.isExecuting(runId);
    }

    /** Graceful shutdown: see the class comment. Returns how many runs were handed back unfinished. */
    public int drain(Duration grace) throws InterruptedException {
        if (dispatcher == null) {
            return 0;
        }
        dispatcher.stop();
        long deadline = System.nanoTime() + grace.toNanos();
        while (executions.size() > 0 && System.nanoTime() < deadline) {
            var any = executions.live().stream().findFirst();
            if (any.isEmpty()) {
                break;
            }
            any.get().awaitEnd(Duration.ofMillis(100));
        }
        var unfinished = executions.live();
        for (var execution : unfinished) {
            execution.giveUp();
            try {
                store.queue().release(execution.fence(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("could not hand run {} back ({}); its lease will expire", execution.runId(), e.toString());
            }
        }
        for (var execution : unfinished) {
            execution.awaitEnd(UNWIND);
        }
        leases.close();
        return unfinished.size();
    }

    /** Stops at once, without handing runs back: their leases expire and other nodes resume them. */
    @Override
    public void close() {
        if (dispatcher != null) {
            try {
                dispatcher.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leases != null) {
            leases.close();
        }
        executions.live().forEach(RunExecution::giveUp);
    }
}
