package dev.mainstay.sim;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.internal.AdminRoutes;
import dev.mainstay.sim.internal.ErrorEnvelope;
import dev.mainstay.sim.internal.Holds;
import dev.mainstay.sim.internal.MessagesEndpoint;
import dev.mainstay.sim.internal.PromptCache;
import dev.mainstay.sim.internal.RateLimits;
import dev.mainstay.sim.internal.RequestIds;
import dev.mainstay.sim.internal.RequestRandoms;
import dev.mainstay.sim.internal.Services;
import dev.mainstay.sim.internal.StatsRecorder;
import dev.mainstay.sim.internal.WorldFaultInjector;
import dev.mainstay.sim.internal.WorldRoutes;
import dev.mainstay.time.Sleeper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server that speaks the Anthropic Messages API closely enough that the official SDKs cannot tell it from
 * the real thing: the offline default model, the test double of every test, and the load and chaos generator.
 *
 * <p>It serves {@code POST /v1/messages} (JSON and SSE), {@code POST /v1/messages/count_tokens}, the admin API
 * ({@code /admin/faults}, {@code /admin/world-faults}, {@code /admin/mode}, {@code /admin/stats}, {@code /health})
 * and a fake outside world under {@code /world}. Faults are drawn per request from the current {@link FaultProfile}
 * (and, for the world, {@link WorldFaults}) with generators seeded by {@link SimulatorConfig#seed()}, so a seed and
 * a sequence of requests always give the same answers.
 *
 * <p>Thread-safe; requests are handled on virtual threads. {@link #close()} stops promptly, cutting short latency
 * and releasing hung connections. Usage:
 *
 * <pre>{@code
 * try (var sim = Simulator.start(SimulatorConfig.defaults().withFaults(FaultProfile.named("flaky")))) {
 *     var client = AnthropicOkHttpClient.builder().baseUrl(sim.baseUrl().toString()).apiKey("sim").build();
 *     …
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
    /** Connections idle this long are closed; long enough that a hang outlasts any sensible client timeout. */
    public static final long IDLE_TIMEOUT_MILLIS = 15 * 60 * 1000L;
    /** Pending connections the listening socket queues. */
    static final int ACCEPT_BACKLOG = 1_024;

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final AtomicReference<FaultProfile> faults;
    private final AtomicReference<SimMode> mode;
    private final Map<SimMode, Brain> defaultBrains = new EnumMap<>(SimMode.class);
    private final Holds holds = new Holds();
    private final StatsRecorder stats = new StatsRecorder();
    private final PromptCache promptCache;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final WorldFaultInjector worldFaults;
    private final Javalin app;
    private final URI baseUrl;

    private Simulator(SimulatorConfig config, Sleeper sleeper, InstantSource clock, ServerSocketChannel listening) {
        this.config = config;
        this.promptCache = new PromptCache(PromptCache.DEFAULT_CAPACITY, clock);
        this.faults = new AtomicReference<>(config.faults());
        this.mode = new AtomicReference<>(config.mode());
        if (config.brain() == null) {
            for (var each : SimMode.values()) {
                defaultBrains.put(each, DefaultBrains.forMode(each, config.seed()));
            }
        }
        var services = new Services(
                faults::get,
                this::currentBrain,
                sleeper == null ? holds::pause : sleeper,
                holds,
                new RequestRandoms(config.seed()),
                promptCache,
                stats,
                new RateLimits(clock),
                clock);
        var messages = new MessagesEndpoint(services);
        var requestIds = new RequestIds(config.seed());
        this.worldFaults = new WorldFaultInjector(config.seed(), holds);
        var world = new WorldRoutes(DefaultWorld.create(config.seed()), worldFaults);
        var admin = new AdminRoutes(this);
        this.app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.addConnector((server, http) -> connector(server, http, listening));
            cfg.http.maxRequestSize = MessagesEndpoint.MAX_BODY_BYTES;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            var routes = cfg.routes;
            routes.before(ctx -> {
                requestIds.assign(ctx);
                services.rateLimits().apply(ctx);
            });
            routes.post("/v1/messages", messages::messages);
            routes.post("/v1/messages/count_tokens", messages::countTokens);
            admin.mount(routes);
            world.mount(routes);
            routes.exception(HttpResponseException.class, (e, ctx) -> {
                var type = switch (e.getStatus()) {
                    case 404 -> ApiErrorType.NOT_FOUND;
                    case 413 -> ApiErrorType.REQUEST_TOO_LARGE;
                    default -> ApiErrorType.INVALID_REQUEST;
                };
                var message = e.getStatus() == 404 ? "Not found: " + ctx.method() + " " + ctx.path() : e.getMessage();
                ErrorEnvelope.write(ctx, e.getStatus(), type, message);
            });
            routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("the simulator failed on {} {}", ctx.method(), ctx.path(), e);
                ErrorEnvelope.write(ctx, 500, ApiErrorType.API_ERROR, "Internal server error");
            });
        });
        this.app.start();
        var host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.baseUrl = URI.create("http://" + host + ":" + app.port());
        LOG.info("Mainstay simulator listening on {} (mode {}, seed {})", baseUrl, config.mode().wire(), config.seed());
    }

    /**
     * Starts a simulator; port 0 binds a random free port. Latency is real time, cut short by {@link #close()}.
     *
     * @throws IllegalStateException when the address cannot be bound, with a message naming it ({@code cannot start
     *     the simulator: 127.0.0.1:9090 is already in use}); nothing is logged in that case
     */
    public static Simulator start(SimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        return start(config, null, InstantSource.system(), bind(config));
    }

    /**
     * Starts a simulator whose time of day is {@code clock}: prompt-cache entries expire by it (tests move it to
     * expire them), and rate-limit headers and usage-limit messages are dated by it.
     *
     * @throws IllegalStateException when the address cannot be bound, as {@link #start(SimulatorConfig)}
     */
    public static Simulator start(SimulatorConfig config, InstantSource clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        return start(config, null, clock, bind(config));
    }

    /**
     * Starts a simulator that applies latency through {@code sleeper} (tests record sleeps instead of waiting).
     *
     * @throws IllegalStateException when the address cannot be bound, as {@link #start(SimulatorConfig)}
     */
    public static Simulator start(SimulatorConfig config, Sleeper sleeper) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sleeper, "sleeper");
        return start(config, sleeper, InstantSource.system(), bind(config));
    }

    private static Simulator start(SimulatorConfig config, Sleeper sleeper, InstantSource clock,
            ServerSocketChannel listening) {
        try {
            return new Simulator(config, sleeper, clock, listening);
        } catch (RuntimeException e) {
            closeQuietly(listening);
            throw e;
        }
    }

    /**
     * Binds the listening socket before Jetty starts, so that a busy port is one clear exception here rather than a
     * failed server start, which Javalin reports with an ERROR log line of its own.
     */
    private static ServerSocketChannel bind(SimulatorConfig config) {
        var where = config.host() + ":" + config.port();
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.socket().setReuseAddress(true);
            channel.bind(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
            channel.configureBlocking(true);
            return channel;
        } catch (BindException e) {
            closeQuietly(channel);
            var reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            throw new IllegalStateException(reason.contains("in use")
                    ? "cannot start the simulator: " + where + " is already in use"
                    : "cannot start the simulator: cannot bind " + where + " (" + e.getMessage() + ")");
        } catch (UnresolvedAddressException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot start the simulator: unknown host '" + config.host() + "'");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot start the simulator on " + where + ": " + e.getMessage(), e);
        }
    }

    private static ServerConnector connector(
            Server server, HttpConfiguration http, ServerSocketChannel listening) {
        var connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        try {
            connector.open(listening);
        } catch (IOException e) {
            throw new IllegalStateException("cannot hand the bound socket to Jetty: " + e.getMessage(), e);
        }
        return connector;
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket that never served anything
            }
        }
    }

    /** {@code http://HOST:PORT}, without {@code /v1}: the SDKs append {@code /v1/messages} themselves. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return app.port();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Replaces the fault profile; requests that already drew their fault keep it. */
    public void setFaults(FaultProfile newFaults) {
        faults.set(Objects.requireNonNull(newFaults, "faults"));
        LOG.info("simulator faults set to {}", newFaults);
    }

    public FaultProfile faults() {
        return faults.get();
    }

    /** Replaces the faults of the fake world under {@code /world}; requests that already drew their fault keep it. */
    public void setWorldFaults(WorldFaults newFaults) {
        worldFaults.set(Objects.requireNonNull(newFaults, "worldFaults"));
        LOG.info("simulator world faults set to {}", newFaults);
    }

    public WorldFaults worldFaults() {
        return worldFaults.get();
    }

    /** How the fake world under {@code /world} answered, per backend and outcome. */
    public WorldStats worldStats() {
        return worldFaults.stats();
    }

    /** Switches the default brain; has no effect on answers when the configuration named an explicit brain. */
    public void setMode(SimMode newMode) {
        mode.set(Objects.requireNonNull(newMode, "mode"));
        LOG.info("simulator mode set to {}", newMode.wire());
    }

    public SimMode mode() {
        return mode.get();
    }

    public SimulatorStats stats() {
        return stats.snapshot();
    }

    /** Requests a hang fault is holding right now; each ends when its client gives up or the simulator closes. */
    public int hangingRequests() {
        return stats.hanging();
    }

    /** Resets {@link #stats()} and {@link #worldStats()}. */
    public void resetStats() {
        stats.reset();
        worldFaults.resetStats();
    }

    /** Forgets every cached prompt prefix: the next request with cache markers writes the cache again. */
    public void clearPromptCache() {
        promptCache.clear();
    }

    /** Stops the server: wakes pauses, releases hung connections, then stops Jetty. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            holds.releaseAll();
            app.stop();
            LOG.info("Mainstay simulator on {} stopped", baseUrl);
        }
    }

    private Brain currentBrain() {
        return config.brain() != null ? config.brain() : defaultBrains.get(mode.get());
    }
}
