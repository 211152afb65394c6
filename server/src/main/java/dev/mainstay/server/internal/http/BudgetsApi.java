package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.BudgetStatus;
import dev.mainstay.cost.Budgets;
import dev.mainstay.cost.UsdUnits;
import dev.mainstay.json.Json;
import dev.mainstay.store.Principal;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/budgets}: an admin sets the daily and monthly USD limits of its tenant or of one of its users, and reads
 * every budget of the tenant with what was spent and is reserved in the current UTC day and month. Amounts are
 * exact decimal strings, at most 8 places.
 */
final class BudgetsApi {
    /** The largest limit accepted: far above any real budget, far below what the store's units can hold. */
    static final BigDecimal MAX_LIMIT_USD = new BigDecimal("1000000000");
    private static final String USER_PATTERN = "[A-Za-z0-9._@-]{1,64}";
    private static final List<String> AMOUNTS = List.of("daily_usd", "monthly_usd");

    private final Budgets budgets;
    private final InstantSource clock;

    BudgetsApi(Budgets budgets, InstantSource clock) {
        this.budgets = budgets;
        this.clock = clock;
    }

    /** PUT /v1/budgets: {@code {"user_id"?, "daily_usd"?, "monthly_usd"?}}; an amount of null removes that limit. */
    void put(Context ctx) {
        var caller = admin(ctx);
        var body = JsonBody.read(ctx).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_REQUEST,
                "the body must be a JSON object with daily_usd and/or monthly_usd"));
        var fields = Fields.of(body, Set.of("user_id", "daily_usd", "monthly_usd"));
        var user = fields.optionalToken("user_id", USER_PATTERN, "a user id (1-64 of A-Z a-z 0-9 . _ @ -)")
                .orElse(BudgetKey.TENANT);
        if (AMOUNTS.stream().noneMatch(body::has)) {
            fields.error("daily_usd", "or monthly_usd is required");
        }
        var daily = amount(body, "daily_usd", fields);
        var monthly = amount(body, "monthly_usd", fields);
        fields.check();
        var now = clock.instant();
        daily.ifPresent(limit -> budgets.setLimit(caller.tenantId(), user, BudgetPeriod.DAILY, limit, now));
        monthly.ifPresent(limit -> budgets.setLimit(caller.tenantId(), user, BudgetPeriod.MONTHLY, limit, now));
        Responses.json(ctx, 200, list(budgets.statuses(caller.tenantId(), now), Optional.empty()));
    }

    /** GET /v1/budgets[?user_id=] */
    void get(Context ctx) {
        var caller = admin(ctx);
        var user = Optional.ofNullable(ctx.queryParam("user_id"));
        if (user.isPresent() && !user.get().matches(USER_PATTERN)) {
            throw new Problem(ProblemType.INVALID_REQUEST, "user_id must be a user id",
                    List.of(new Problem.FieldError("user_id", "must be a user id")), Optional.empty(),
                    java.util.Map.of()).exception();
        }
        Responses.json(ctx, 200, list(budgets.statuses(caller.tenantId(), clock.instant()), user));
    }

    /** The budget document of one budget; also the extension members of a 402. */
    static ObjectNode document(BudgetStatus status) {
        var key = status.key();
        var node = Json.object().put("scope", key.isTenant() ? "tenant" : "user");
        if (key.isTenant()) {
            node.putNull("user_id");
        } else {
            node.put("user_id", key.userId());
        }
        return node.put("period", key.period().wire()).put("period_key", key.periodKey())
                .put("limit_usd", money(status.limit().limitUsd())).put("spent_usd", money(status.spentUsd()))
                .put("reserved_usd", money(status.reservedUsd())).put("remaining_usd", money(status.remainingUsd()));
    }

    private static ObjectNode list(List<BudgetStatus> statuses, Optional<String> user) {
        var node = Json.object().put("object", "list");
        var data = node.putArray("data");
        statuses.stream().filter(s -> user.isEmpty() || s.key().isTenant() || s.key().userId().equals(user.get()))
                .forEach(s -> data.add(document(s)));
        return node;
    }

    static String money(BigDecimal usd) {
        return usd.toPlainString();
    }

    /** Empty: not given; a present empty: null (remove); else the limit. */
    private static Optional<Optional<BigDecimal>> amount(ObjectNode body, String name, Fields fields) {
        if (!body.has(name)) {
            return Optional.empty();
        }
        JsonNode value = body.get(name);
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        BigDecimal usd;
        try {
            usd = value.isNumber() ? value.decimalValue() : value.isTextual() ? new BigDecimal(value.textValue())
                    : null;
        } catch (NumberFormatException e) {
            usd = null;
        }
        if (usd == null || usd.signum() < 0 || usd.compareTo(MAX_LIMIT_USD) > 0
                || usd.stripTrailingZeros().scale() > UsdUnits.SCALE) {
            fields.error(name, "must be a number of US dollars from 0 to " + MAX_LIMIT_USD.toPlainString()
                    + " with at most " + UsdUnits.SCALE + " decimal places, or null to remove the limit");
            return Optional.empty();
        }
        return Optional.of(Optional.of(usd));
    }

    private static Principal admin(Context ctx) {
        var caller = Authenticator.principal(ctx);
        if (!caller.isAdmin()) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "budgets are set and read with an admin key");
        }
        return caller;
    }
}
