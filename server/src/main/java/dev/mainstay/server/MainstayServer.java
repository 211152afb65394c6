package dev.mainstay.server;

import dev.mainstay.reliability.health.HealthCheck;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.server.internal.http.HttpApi;
import dev.mainstay.server.internal.observe.HttpObservability;
import dev.mainstay.server.internal.observe.QueueGauges;
import dev.mainstay.server.internal.observe.WorkerTelemetry;
import dev.mainstay.telemetry.PrometheusMetrics;
import dev.mainstay.telemetry.TelemetryConfig;
import dev.mainstay.telemetry.Tracing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import dev.mainstay.server.internal.service.ApprovalService;
import dev.mainstay.server.internal.service.ConversationService;
import dev.mainstay.server.internal.service.LocalRuns;
import dev.mainstay.server.internal.service.RunService;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.server.internal.worker.Workers;
import dev.mainstay.store.Store;
import dev.mainstay.store.Stores;
import dev.mainstay.time.IdGenerator;
import io.javalin.Javalin;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the run service, wired here and nowhere else: the store, the runtime (the agent loop journaling into
 * the store, notes in the store), the services, the HTTP API and the workers, as the node's role says. Nodes share
 * only the database.
 *
 * <pre>
 * HTTP API ─► RunService ─► Runs.accept (one transaction) ─► queue
 *                                         workers: Dispatcher ─► claim (lease, epoch) ─► RunExecutor ─► AgentLoop
 *                                         LeaseKeeper (platform thread): renew, cancellations, lost leases
 * SSE ◄── EventLog ◄── EventWriter ◄── Executions (run listener) ◄──────────────────────────────────────┘
 * </pre>
 *
 * {@link #shutdown()} is graceful (SIGTERM): the node reports itself not ready, stops claiming, lets its runs finish
 * within the grace period, hands the rest back, then stops serving. Thread-safe.
 */
public final class MainstayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainstayServer.class);

    private final ServerConfig config;
    private final Store store;
    private final boolean ownsStore;
    private final Optional<MainstayRuntime> runtime;
    private final Optional<Workers> workers;
    private final Javalin http;
    private final Housekeeping housekeeping;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String worker;
    private final PrometheusMeterRegistry metrics;
    private final Tracing tracing;

    private MainstayServer(ServerConfig config, MainstayConfig runtimeConfig, TelemetryConfig telemetry, Store store,
            boolean ownsStore, Consumer<String> notices, InstantSource clock) {
        this.config = config;
        this.metrics = PrometheusMetrics.registry();
        var sseClients = new AtomicInteger();
        metrics.gauge("mainstay.sse.clients", sseClients);
        QueueGauges.register(metrics, store.queue(), clock);
        this.store = store;
        this.ownsStore = ownsStore;
        this.worker = WorkerNames.next();
        this.tracing = Tracing.start(telemetry.tracing(), worker);
        var signals = new RunSignals();
        var role = config.role();
        this.workers = role.runsWorkers() ? Optional.of(Workers.prepare(store, signals, worker,
                new Workers.Settings(config.workers(), config.leaseDuration(), config.renewInterval(),
                        config.pollInterval()), clock)) : Optional.empty();
        MainstayRuntime started = null;
        try {
            if (workers.isPresent()) {
                var options = RuntimeOptions.defaults().withNotices(notices).withNotes(store.notes())
                        .withJournal(workers.get().journal()).withListener(workers.get().listener())
                        .withBudgets(store.budgets())
                        .withMetrics(metrics).withTelemetry(telemetry).withTracing(tracing);
                // the service keeps serving the agent: auto prompt caching keeps its tools and system for an hour
                started = MainstayRuntime.start(
                        runtimeConfig.withPromptCache(runtimeConfig.promptCache().inLongLivedHost()), options);
                workers.get().start(started.loop(), started.agent(), new WorkerTelemetry(tracing, metrics));
            }
            this.runtime = Optional.ofNullable(started);
            List<HealthCheck> checks = runtime.map(r -> r.reliability().healthChecks()).orElse(List.of());
            var runs = new RunService(store, IdGenerator.random(), clock, signals,
                    workers.<LocalRuns>map(w -> w).orElse(LocalRuns.NONE), config.pollInterval());
            var wiring = new HttpApi.Wiring(store, runs, new ConversationService(store, clock), signals, checks,
                    runtimeConfig.limits(), runtimeConfig.thinkingBudget() + 1, config.pollInterval(),
                    config.sseKeepAlive(), draining::get, clock,
                    new HttpObservability(tracing, metrics, new java.security.SecureRandom()), sseClients,
                    new ApprovalService(runs, new RunApprovals(store, worker, config.leaseDuration(), clock),
                            signals));
            this.http = HttpApi.create(wiring, role.servesApi()).start(config.host(), config.port());
            this.housekeeping = new Housekeeping(store, config.eventRetention(), config.idempotencyRetention(), clock);
            housekeeping.start();
        } catch (RuntimeException e) {
            workers.ifPresent(Workers::close);
            if (started != null) {
                started.close();
            }
            tracing.close();
            throw e;
        }
    }

    /** Opens the store of {@code config} and starts a node on it; the node closes the store. */
    public static MainstayServer start(ServerConfig config, MainstayConfig runtimeConfig, Consumer<String> notices) {
        return start(config, runtimeConfig, TelemetryConfig.defaults(), notices);
    }

    /** Opens the store of {@code config} and starts a node on it, recording as {@code telemetry} says. */
    public static MainstayServer start(ServerConfig config, MainstayConfig runtimeConfig, TelemetryConfig telemetry,
            Consumer<String> notices) {
        var clock = InstantSource.system();
        var store = Stores.open(config.store(), clock);
        try {
            return new MainstayServer(config, runtimeConfig, telemetry, store, true, notices, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts a node on an open store, which stays the caller's to close. */
    public static MainstayServer start(ServerConfig config, MainstayConfig runtimeConfig, Store store,
            Consumer<String> notices, InstantSource clock) {
        return start(config, runtimeConfig, TelemetryConfig.defaults(), store, notices, clock);
    }

    /** Starts a node on an open store, which stays the caller's to close, recording as {@code telemetry} says. */
    public static MainstayServer start(ServerConfig config, MainstayConfig runtimeConfig, TelemetryConfig telemetry,
            Store store, Consumer<String> notices, InstantSource clock) {
        return new MainstayServer(config, runtimeConfig, telemetry, store, false, notices, clock);
    }

    public int port() {
        return http.port();
    }

    /** Where the API listens, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUrl() {
        var host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    public ServerConfig config() {
        return config;
    }

    /** The name this node's worker claims runs under. */
    public String workerName() {
        return worker;
    }

    public Store store() {
        return store;
    }

    /** The in-process simulator the node's runtime answers from (no API key), for tests and chaos drills. */
    public Optional<dev.mainstay.sim.Simulator> simulator() {
        return runtime.flatMap(MainstayRuntime::simulator);
    }

    /** This node's meters, as {@code GET /metrics} shows them. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** How many runs execute on this node now. */
    public int runsInFlight() {
        return workers.map(Workers::inFlight).orElse(0);
    }

    /**
     * Graceful shutdown: not ready, no more claims, runs in flight get the grace period to finish, the rest are handed
     * back; then the API stops and everything is closed. Idempotent.
     */
    public void shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        try {
            if (workers.isPresent()) {
                int handedBack = workers.get().drain(config.shutdownGrace());
                if (handedBack > 0) {
                    log.info("shutdown: {} runs did not finish within {}; handed back for another node",
                            handedBack, config.shutdownGrace());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.ifPresent(Workers::close);
        }
        closeAll();
    }

    /**
     * Stops at once as a crash would (tests, chaos): nothing is handed back, nothing more is written; the runs' leases
     * expire and other nodes resume them.
     */
    public void halt() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        workers.ifPresent(Workers::close);
        closeAll();
    }

    private void closeAll() {
        housekeeping.close();
        http.stop();
        runtime.ifPresent(MainstayRuntime::close);
        tracing.close();
        if (ownsStore) {
            store.close();
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
