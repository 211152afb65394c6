package dev.mainstay.server.internal.http;

import dev.mainstay.server.UsageDocument;
import dev.mainstay.server.UsageRange;
import dev.mainstay.store.Ledger;
import dev.mainstay.store.Ledger.GroupBy;
import dev.mainstay.store.Ledger.UsageQuery;
import dev.mainstay.store.Principal;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/usage}: the caller's tenant's usage from the cost ledger, grouped. An admin key sees the whole
 * tenant; a member key only its own user's usage. Every query parameter is validated, each problem named at once.
 */
final class UsageApi {
    static final Set<String> PARAMS = Set.of("from", "to", "group_by");
    static final GroupBy DEFAULT_GROUP_BY = GroupBy.MODEL;

    private final Ledger ledger;
    private final InstantSource clock;

    UsageApi(Ledger ledger, InstantSource clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** GET /v1/usage */
    void usage(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var errors = new ArrayList<Problem.FieldError>();
        for (var entry : ctx.queryParamMap().entrySet()) {
            var name = entry.getKey().replaceAll("[^\\x20-\\x7e]", "?");
            if (!PARAMS.contains(entry.getKey())) {
                errors.add(new Problem.FieldError(name, "unknown query parameter; allowed: from, group_by, to"));
            } else if (entry.getValue().size() > 1) {
                errors.add(new Problem.FieldError(name, "must be given once"));
            }
        }
        check(ctx, "from", false, errors);
        check(ctx, "to", true, errors);
        var groupBy = DEFAULT_GROUP_BY;
        var rawGroupBy = ctx.queryParam("group_by");
        if (rawGroupBy != null) {
            try {
                groupBy = GroupBy.fromWire(rawGroupBy);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("group_by", "must be one of tenant, user, model, agent, day"));
            }
        }
        UsageRange range = null;
        if (errors.isEmpty()) {
            try {
                range = UsageRange.of(Optional.ofNullable(ctx.queryParam("from")),
                        Optional.ofNullable(ctx.queryParam("to")), clock.instant());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("from", e.getMessage().substring("from ".length())));
            }
        }
        if (!errors.isEmpty()) {
            var first = errors.getFirst();
            throw new Problem(ProblemType.INVALID_REQUEST, first.field() + " " + first.message(), errors,
                    Optional.empty(), Map.of()).exception();
        }
        var query = new UsageQuery(Optional.of(caller.tenantId()), scope(caller), range.from(), range.to(), groupBy);
        List<Ledger.UsageRow> rows = ledger.usage(query);
        Responses.json(ctx, 200, UsageDocument.of(range, groupBy, rows, ledger.total(query)));
    }

    /** The user a member's report is limited to; an admin's covers the tenant. */
    private static Optional<String> scope(Principal caller) {
        return caller.isAdmin() ? Optional.empty() : Optional.of(caller.userId());
    }

    /** Adds an error when the bound {@code name} is given and is neither an instant nor a date. */
    private static void check(Context ctx, String name, boolean endOfDay, List<Problem.FieldError> errors) {
        var raw = ctx.queryParam(name);
        if (raw == null) {
            return;
        }
        try {
            UsageRange.bound(name, raw, endOfDay);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(name, e.getMessage().substring(name.length() + 1)));
        }
    }
}
