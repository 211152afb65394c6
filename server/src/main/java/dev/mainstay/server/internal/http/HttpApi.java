package dev.mainstay.server.internal.http;

import dev.mainstay.journal.JournalException;
import dev.mainstay.reliability.health.HealthCheck;
import dev.mainstay.run.RunLimits;
import dev.mainstay.server.internal.observe.HttpObservability;
import dev.mainstay.server.internal.service.ConversationService;
import dev.mainstay.server.internal.service.RunService;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API v1, wired in one place: every route, the authentication in front of {@code /v1}, and the one mapping
 * from failures to RFC 9457 problems. Javalin on virtual threads: a handler may block (waiting for a run, following
 * its events) without holding a platform thread.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    /** What the routes need. */
    public record Wiring(Store store, RunService runs, ConversationService conversations, RunSignals signals,
            List<HealthCheck> healthChecks, RunLimits defaultLimits, int minOutputTokens, Duration pollInterval,
            Duration sseKeepAlive, BooleanSupplier draining, InstantSource clock, HttpObservability observability,
            java.util.concurrent.atomic.AtomicInteger sseClients,
            dev.mainstay.server.internal.service.ApprovalService approvals) {}

    private HttpApi() {}

    /**
     * A server with the health routes and, when {@code api} is true, the API v1 routes; not started.
     */
    /** Connections the kernel may hold for the node before it accepts them (Linux caps it at somaxconn). */
    static final int ACCEPT_QUEUE = 4096;

    public static Javalin create(Wiring w, boolean api) {
        var auth = new Authenticator(w.store().keys(), w.store().tenants(), w.store().rateLimits(), w.clock());
        // one node's idempotency: the store's, with a burst of duplicates answered here (KeyFlights)
        var flights = new KeyFlights(w.clock());
        var idempotency = new NodeIdempotency(w.store().idempotency(), flights);
        var runs = new RunsApi(w.runs(), idempotency, flights,
                new RunRequests(w.defaultLimits(), w.minOutputTokens()), w.store().budgets(), w.clock());
        var approvals = new ApprovalsApi(w.approvals(), idempotency, w.clock());
        var budgets = new BudgetsApi(w.store().budgets(), w.clock());
        var conversations = new ConversationsApi(w.conversations(), idempotency, w.clock());
        var events = new EventsApi(w.runs(), w.store().events(), w.signals(), w.pollInterval(), w.sseKeepAlive(),
                w.draining());
        var usage = new UsageApi(w.store().ledger(), w.clock());
        var health = new HealthApi(w.store(), w.healthChecks(), w.draining());
        var openApi = OpenApiDocument.load();
        return Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = JsonBody.MAX_BYTES;
            cfg.http.defaultContentType = Responses.JSON;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.http.prefer405over404 = true; // a known path with another method: 405 and Allow, not "no such endpoint"
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            // Javalin's own connector, but with a deep accept queue: the JVM's default backlog of 50 lets a burst of
            // new connections overflow the kernel's queue, and clients see connect timeouts instead of an answer
            cfg.jetty.addConnector((server, http) -> {
                var connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(cfg.jetty.host);
                connector.setPort(cfg.jetty.port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });

            var observe = w.observability();
            cfg.routes.before(observe::before);
            cfg.routes.after(observe::after);
            cfg.routes.get("/metrics", observe::metrics);
            cfg.routes.get("/healthz", health::live);
            cfg.routes.get("/readyz", health::ready);
            if (api) {
                cfg.routes.get("/openapi.json", ctx -> ctx.contentType(Responses.JSON).result(openApi));
                cfg.routes.before("/v1/*", auth::authenticate);
                cfg.routes.post("/v1/runs", runs::submit);
                cfg.routes.get("/v1/runs", runs::list);
                cfg.routes.get("/v1/runs/{id}", runs::get);
                cfg.routes.get("/v1/runs/{id}/timeline", runs::timeline);
                cfg.routes.get("/v1/runs/{id}/events", ctx -> {
                    w.sseClients().incrementAndGet();
                    try {
                        events.stream(ctx);
                    } finally {
                        w.sseClients().decrementAndGet();
                    }
                });
                cfg.routes.post("/v1/runs/{id}/cancel", runs::cancel);
                cfg.routes.get("/v1/runs/{id}/approvals", approvals::list);
                cfg.routes.post("/v1/runs/{id}/approvals", approvals::decide);
                cfg.routes.post("/v1/conversations", conversations::create);
                cfg.routes.get("/v1/conversations/{id}", conversations::get);
                cfg.routes.delete("/v1/conversations/{id}", conversations::delete);
                cfg.routes.get("/v1/usage", usage::usage);
                cfg.routes.put("/v1/budgets", budgets::put);
                cfg.routes.get("/v1/budgets", budgets::get);
            }

            cfg.routes.exception(ProblemException.class, (e, ctx) -> Responses.problem(ctx, e.problem()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    ctx.header("Allow", allowed(e));
                }
                Responses.problem(ctx, fromJavalin(e));
            });
            cfg.routes.exception(Exception.class, HttpApi::unexpected);
            cfg.routes.error(404, ctx -> {
                if (!isProblem(ctx)) {
                    Responses.problem(ctx, Problem.of(ProblemType.NOT_FOUND, "no such endpoint: " + ctx.method()
                            + " " + ctx.path()));
                }
            });
        });
    }

    private static boolean isProblem(Context ctx) {
        var type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }

    private static Problem fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "no such endpoint");
            case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED, "this endpoint takes " + allowed(e));
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                    "the request body must be at most " + JsonBody.MAX_BYTES + " bytes");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the request body must be application/json");
            default -> e.getStatus() >= 400 && e.getStatus() < 500
                    ? Problem.of(ProblemType.INVALID_REQUEST, "the request is invalid")
                    : Problem.of(ProblemType.INTERNAL, "the request failed on our side");
        };
    }

    /** The methods a 405's path takes, as an {@code Allow} header lists them: {@code GET, POST}. */
    private static String allowed(HttpResponseException e) {
        var methods = e.getDetails().getOrDefault("availableMethods", "");
        return methods.replaceAll("[\\[\\]]", "").strip();
    }

    /** Never a stack trace to the client: the operator's log has it, the client a problem. */
    private static void unexpected(Exception e, Context ctx) {
        if (e instanceof StoreException || e instanceof JournalException
                || e instanceof dev.mainstay.tools.notes.NoteStoreException) {
            log.warn("{} {} failed: the store is unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
            Responses.problem(ctx, Problem.of(ProblemType.UNAVAILABLE, "the database is unavailable; retry shortly")
                    .withRetryAfter(5));
            return;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            Responses.problem(ctx, Problem.of(ProblemType.UNAVAILABLE, "the server is shutting down; retry")
                    .withRetryAfter(1));
            return;
        }
        log.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
        Responses.problem(ctx, Problem.of(ProblemType.INTERNAL, "the request failed on our side; it was logged"));
    }
}
