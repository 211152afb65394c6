package dev.mainstay.server.internal.http;

import dev.mainstay.server.RunApprovals;
import dev.mainstay.server.internal.service.ApprovalService;
import dev.mainstay.store.Idempotency;
import dev.mainstay.store.Principal;
import dev.mainstay.store.StoredResponse;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/runs/{id}/approvals}: what a paused run waits for, and a person's decision on one call. Thin: parsing
 * and the mapping of outcomes to statuses here, the work in {@link ApprovalService}.
 */
final class ApprovalsApi {
    static final int MAX_REASON = 2000;
    static final String TOOL_USE_ID = "[A-Za-z0-9_-]{1,200}";

    private final ApprovalService approvals;
    private final Idempotency idempotency;
    private final InstantSource clock;

    ApprovalsApi(ApprovalService approvals, Idempotency idempotency, InstantSource clock) {
        this.approvals = approvals;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** GET /v1/runs/{id}/approvals */
    void list(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var view = approvals.view(caller, Responses.id(ctx, "id", "run"))
                .orElseThrow(() -> Responses.notFound("run"));
        Responses.json(ctx, 200, view.toJson());
    }

    /** POST /v1/runs/{id}/approvals */
    void decide(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var runId = Responses.id(ctx, "id", "run");
        var body = JsonBody.read(ctx).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_REQUEST,
                "the body must be a JSON object with \"tool_use_id\" and \"decision\" (approve or deny)"));
        var fields = Fields.of(body, Set.of("tool_use_id", "decision", "reason"));
        var toolUseId = fields.optionalToken("tool_use_id", TOOL_USE_ID, "a tool_use id (letters, digits, _ and -)");
        if (toolUseId.isEmpty() && body.get("tool_use_id") == null) {
            fields.error("tool_use_id", "is required");
        }
        var decision = fields.optionalEnum("decision", List.of("approve", "deny"));
        if (decision.isEmpty() && body.get("decision") == null) {
            fields.error("decision", "is required");
        }
        var reason = fields.optionalText("reason", MAX_REASON);
        fields.check();
        var key = IdempotencyHeader.read(ctx, java.util.Optional.of(body));
        java.util.function.Supplier<StoredResponse> act = () -> decided(caller, runId, toolUseId.orElseThrow(),
                decision.orElseThrow().equals("approve"), reason.orElse(""));
        if (key.isEmpty()) {
            Responses.send(ctx, act.get());
            return;
        }
        switch (idempotency.execute(caller.tenantId(), key.get(), clock.instant(), act)) {
            case Idempotency.Outcome.Executed executed -> Responses.send(ctx, executed.response());
            case Idempotency.Outcome.Replayed replayed -> Responses.replay(ctx, replayed.response());
            case Idempotency.Outcome.KeyReused ignored -> throw RunsApi.keyReused();
            case Idempotency.Outcome.KeyInFlight ignored -> throw RunsApi.keyInFlight();
        }
    }

    private StoredResponse decided(Principal caller, String runId, String toolUseId, boolean approve, String reason) {
        var outcome = approvals.decide(caller, runId, toolUseId, approve, reason)
                .orElseThrow(() -> Responses.notFound("run"));
        return switch (outcome) {
            case RunApprovals.Outcome.Recorded recorded -> Responses.stored(200, recorded.decision().toJson()
                    .put("object", "run.approval").put("run_id", runId)
                    .put("run_status", recorded.runStatus().wire()));
            case RunApprovals.Outcome.AlreadyDecided already -> throw Problem.of(ProblemType.APPROVAL_ALREADY_DECIDED,
                    "the call " + toolUseId + " was already decided (" + (already.previous().approved() ? "approve"
                            : "deny") + " by " + already.previous().by() + "); one decision per call stands")
                    .with("tool_use_id", toolUseId).with("decision", already.previous().approved() ? "approve" : "deny")
                    .with("decided_by", already.previous().by()).exception();
            case RunApprovals.Outcome.NotPending notPending -> throw Problem.of(ProblemType.APPROVAL_NOT_PENDING,
                    notPending.why()).with("tool_use_id", toolUseId).exception();
            case RunApprovals.Outcome.UnknownCall unknown -> throw Problem.of(ProblemType.NOT_FOUND, unknown.why())
                    .with("tool_use_id", toolUseId).exception();
        };
    }
}
