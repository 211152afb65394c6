package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.BudgetStatus;
import dev.mainstay.cost.Budgets;
import dev.mainstay.journal.JournalException;
import dev.mainstay.json.Json;
import dev.mainstay.server.RunDocument;
import dev.mainstay.server.internal.observe.HttpObservability;
import dev.mainstay.server.internal.service.RunService;
import dev.mainstay.store.Admission;
import dev.mainstay.store.Idempotency;
import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.Page;
import dev.mainstay.store.Principal;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.StoreException;
import dev.mainstay.store.StoredResponse;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /v1/runs}: submit, read, list and cancel runs. Thin: parsing here, the work in {@link RunService}. */
final class RunsApi {
    private static final Logger log = LoggerFactory.getLogger(RunsApi.class);
    /** What a refusal for a full queue asks the client to wait: about the time a queued run takes to start. */
    static final long QUEUE_FULL_RETRY_SECONDS = 5;
    /** How much longer than its wait a waiting request holds its idempotency key: time to write its answer. */
    static final Duration KEY_HOLD_MARGIN = Duration.ofSeconds(10);
    private final RunService runs;
    private final Idempotency idempotency;
    private final RunRequests requests;
    private final Budgets budgets;
    private final InstantSource clock;
    private final KeyFlights flights;
    private final SharedReads<String, Optional<BudgetStatus>> budgetChecks = new SharedReads<>();

    /**
     * @param idempotency the node's view of the keys ({@link NodeIdempotency} over the store's), on {@code flights}
     */
    RunsApi(RunService runs, Idempotency idempotency, KeyFlights flights, RunRequests requests, Budgets budgets,
            InstantSource clock) {
        this.runs = runs;
        this.idempotency = idempotency;
        this.flights = flights;
        this.requests = requests;
        this.budgets = budgets;
        this.clock = clock;
    }

    /** POST /v1/runs */
    void submit(Context ctx) throws InterruptedException {
        var caller = Authenticator.principal(ctx);
        var body = JsonBody.read(ctx);
        var request = requests.submission(body.orElseThrow(() -> ProblemException.of(ProblemType.INVALID_REQUEST,
                "the body must be a JSON object with the run's \"input\"")),
                HttpObservability.traceparent(ctx).orElse(ctx.header("traceparent")));
        var key = IdempotencyHeader.read(ctx, body);
        if (key.isEmpty()) {
            admit(ctx, caller, request, key, response -> { }, () -> { });
            return;
        }
        // a burst of one request on this node asks the store once: the others wait for its answer and replay it
        switch (flights.take(caller.tenantId(), key.get(), NodeIdempotency.WAIT)) {
            case KeyFlights.Turn.Answered answered -> replay(ctx, answered.response());
            case KeyFlights.Turn.OtherRequest ignored -> throw keyReused();
            case KeyFlights.Turn.StillRunning ignored -> throw keyInFlight();
            case KeyFlights.Lead lead -> {
                try (lead) {
                    admit(ctx, caller, request, key, lead::answer, lead::goesOn);
                }
            }
        }
    }

    /**
     * Accepts the run, or answers why not.
     *
     * @param kept told the response the store keeps for the request's idempotency key, as soon as it is known
     * @param goesOn told when the run was accepted and the request goes on waiting for it, its key held
     */
    private void admit(Context ctx, Principal caller, RunRequests.Parsed request,
            Optional<IdempotencyKey> key, Consumer<StoredResponse> kept, Runnable goesOn)
            throws InterruptedException {
        // a run of a tenant or user whose spend has reached a limit would stop at its first call: refuse it now —
        // unless it is the retry of a request already answered, which gets its first answer as every retry does
        // a burst of one tenant's runs shares one read of its budgets rather than each taking a connection for it
        var spentBudget = budgetChecks.read(caller.tenantId() + "\u0000" + caller.userId(),
                () -> budgets.exhausted(caller.tenantId(), caller.userId(), clock.instant()));
        var earlier = spentBudget.isPresent() && key.isPresent()
                ? idempotency.recall(caller.tenantId(), key.get(), clock.instant())
                : Optional.<Idempotency.Outcome>empty();
        if (earlier.isPresent()) {
            switch (earlier.get()) {
                case Idempotency.Outcome.Replayed replayed -> {
                    kept.accept(replayed.response());
                    replay(ctx, replayed.response());
                    return;
                }
                case Idempotency.Outcome.KeyReused ignored -> throw keyReused();
                case Idempotency.Outcome.KeyInFlight ignored -> throw keyInFlight();
                case Idempotency.Outcome.Executed ignored -> { }
            }
        }
        spentBudget.ifPresent(spent -> {
            var problem = Problem.of(ProblemType.BUDGET_EXCEEDED, spent.key().describe() + " is spent: $"
                    + BudgetsApi.money(spent.spentUsd()) + " of $" + BudgetsApi.money(spent.limit().limitUsd()));
            var doc = BudgetsApi.document(spent);
            for (var name : java.util.List.of("scope", "period", "period_key", "limit_usd", "spent_usd")) {
                problem = problem.with("budget_" + name, doc.get(name).asText());
            }
            throw problem.exception();
        });
        // a request that waits for its run answers with the run as it then is: its key is held until that answer is
        // kept (a retry meanwhile is told the first is in flight), and at most the wait and a margin
        var holdKey = request.waitFor().isZero() ? Duration.ZERO : request.waitFor().plus(KEY_HOLD_MARGIN);
        var admission = runs.submit(caller, request.submission(), key,
                run -> Responses.stored(202, RunDocument.summary(run)), holdKey);
        switch (admission) {
            case Admission.Accepted accepted -> {
                ctx.header("Location", "/v1/runs/" + accepted.run().id());
                if (request.waitFor().isZero()) {
                    if (key.isPresent()) {
                        kept.accept(accepted.response());
                    }
                    Responses.send(ctx, accepted.response());
                    return;
                }
                goesOn.run();
                var now = runs.awaitFinished(accepted.run(), request.waitFor());
                var answer = finishedAnswer(now);
                if (key.isPresent()) {
                    // what the store replays from now on: this answer, or — its hold lapsed — the acceptance
                    kept.accept(keep(caller, key.get(), answer) ? answer : accepted.response());
                }
                Responses.send(ctx, answer);
            }
            case Admission.Replayed replayed -> {
                kept.accept(replayed.response());
                replay(ctx, replayed.response());
            }
            case Admission.KeyReused ignored -> throw keyReused();
            case Admission.KeyInFlight ignored -> throw keyInFlight();
            case Admission.ConversationBusy busy -> throw Problem.of(ProblemType.CONVERSATION_BUSY,
                    "the conversation has a run queued or running, and on_busy is reject")
                    .with("conversation_id", busy.conversationId()).exception();
            case Admission.NoSuchConversation ignored -> throw Responses.notFound("conversation");
            case Admission.QueueFull full -> throw Problem.of(ProblemType.QUEUE_FULL, "the tenant has "
                    + full.maxQueuedRuns() + " runs queued, its bound; retry once some have started")
                    .with("max_queued_runs", String.valueOf(full.maxQueuedRuns())).withRetryAfter(QUEUE_FULL_RETRY_SECONDS)
                    .exception();
        }
    }

    /** GET /v1/runs/{id} */
    void get(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var run = runs.find(caller, Responses.id(ctx, "id", "run")).orElseThrow(() -> Responses.notFound("run"));
        Responses.json(ctx, 200, RunDocument.full(run, runs.journal(run)));
    }

    /** GET /v1/runs/{id}/timeline */
    void timeline(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var run = runs.find(caller, Responses.id(ctx, "id", "run")).orElseThrow(() -> Responses.notFound("run"));
        Responses.json(ctx, 200, dev.mainstay.server.RunTimeline.of(run, runs.journal(run), runs.journalNodes(run))
                .toJson());
    }

    /** GET /v1/runs */
    void list(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var filter = requests.filter(ctx, caller);
        Page<RunRecord> page;
        try {
            page = runs.list(caller, filter);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "cursor is not a cursor this API gave out");
        }
        var node = Json.object().put("object", "list");
        var data = node.putArray("data");
        page.items().forEach(run -> data.add(RunDocument.summary(run)));
        page.nextCursor().ifPresentOrElse(c -> node.put("next_cursor", c), () -> node.putNull("next_cursor"));
        node.put("has_more", page.nextCursor().isPresent());
        Responses.json(ctx, 200, node);
    }

    /** POST /v1/runs/{id}/cancel */
    void cancel(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var runId = Responses.id(ctx, "id", "run");
        var body = JsonBody.read(ctx);
        body.ifPresent(b -> Fields.of(b, java.util.Set.of()).check());
        runs.find(caller, runId).orElseThrow(() -> Responses.notFound("run"));
        var key = IdempotencyHeader.read(ctx, body);
        if (key.isEmpty()) {
            Responses.send(ctx, cancelled(caller, runId));
            return;
        }
        var outcome = idempotency.execute(caller.tenantId(), key.get(), clock.instant(),
                () -> cancelled(caller, runId));
        switch (outcome) {
            case Idempotency.Outcome.Executed executed -> Responses.send(ctx, executed.response());
            case Idempotency.Outcome.Replayed replayed -> Responses.replay(ctx, replayed.response());
            case Idempotency.Outcome.KeyReused ignored -> throw keyReused();
            case Idempotency.Outcome.KeyInFlight ignored -> throw keyInFlight();
        }
    }

    private StoredResponse cancelled(Principal caller, String runId) {
        var run = runs.cancel(caller, runId).orElseThrow(() -> Responses.notFound("run"));
        ObjectNode document = RunDocument.summary(run);
        return Responses.stored(run.status().isFinished() ? 200 : 202, document);
    }

    /**
     * The answer to a request that waited for its run: the finished run with its steps (200), or the run as it is
     * (202) — also when the steps of a finished run cannot be read now: the run was accepted, and it is no 503.
     */
    private StoredResponse finishedAnswer(RunRecord now) {
        if (!now.status().isFinished()) {
            return Responses.stored(202, RunDocument.summary(now));
        }
        try {
            return Responses.stored(200, RunDocument.full(now, runs.journal(now)));
        } catch (StoreException | JournalException e) {
            return Responses.stored(202, RunDocument.summary(now));
        }
    }

    /**
     * Keeps the answer of a request that waited for its run under its key. When that fails, the key's hold lapses and
     * the provisional 202 is replayed instead; the caller still gets this answer.
     */
    private boolean keep(Principal caller, IdempotencyKey key,
            StoredResponse answer) {
        try {
            return idempotency.settle(caller.tenantId(), key, answer, clock.instant());
        } catch (StoreException e) {
            log.warn("could not keep the answer for an Idempotency-Key; "
                    + "a retry gets the provisional 202 once the key's hold lapses: {}", e.getMessage());
            return false;
        }
    }

    /** The first answer to a run's submission again, with its {@code Location} as the first one had. */
    private static void replay(Context ctx, StoredResponse response) {
        var id = Json.parseObject(response.body()).path("id");
        if (id.isTextual()) {
            ctx.header("Location", "/v1/runs/" + id.asText());
        }
        Responses.replay(ctx, response);
    }

    static ProblemException keyReused() {
        return ProblemException.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "this Idempotency-Key was first used with a different request; use a new key for a new request");
    }

    static ProblemException keyInFlight() {
        return ProblemException.of(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                "the first request with this Idempotency-Key is still being processed; retry in a moment");
    }
}
