package dev.mainstay.store.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.cost.ModelPrice;
import dev.mainstay.journal.internal.ContentJson;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.run.RunLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How values are kept in columns: instants as nanoseconds since the epoch, money as units of 1e-8 USD, limits and
 * messages as versioned JSON.
 */
final class Values {
    /** The version of the store's own JSON payloads (limits, conversation messages). */
    static final int PAYLOAD_VERSION = 1;
    private static final int COST_SCALE = 8;

    static {
        if (ModelPrice.SCALE > COST_SCALE) {
            throw new ExceptionInInitializerError("costs have " + ModelPrice.SCALE
                    + " decimal places; the store keeps " + COST_SCALE + ": add a migration");
        }
    }

    private Values() {}

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        long nanos = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(instant(nanos));
    }

    static Long nanos(Optional<Instant> instant) {
        return instant.map(Values::nanos).orElse(null);
    }

    static long costUnits(Cost cost) {
        return cost.pricedUsd().setScale(COST_SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** The models without a price, as a JSON array; null when the cost is known. */
    static String unpriced(Cost cost) {
        if (cost.isKnown()) {
            return null;
        }
        var array = Json.mapper().createArrayNode();
        cost.unpricedModels().stream().sorted().forEach(array::add);
        return Json.write(array);
    }

    static Cost cost(long units, String unpriced) {
        var models = new TreeSet<String>();
        if (unpriced != null) {
            Json.parse(unpriced).forEach(m -> models.add(m.asText()));
        }
        return new Cost(BigDecimal.valueOf(units, COST_SCALE), models);
    }

    /** The limits as JSON; the run budget's members only when set, so rows written before them read the same. */
    static String limits(RunLimits limits) {
        var node = Json.object().put("v", PAYLOAD_VERSION).put("max_steps", limits.maxSteps())
                .put("max_output_tokens", limits.maxOutputTokens()).put("deadline_ms", limits.deadline().toMillis())
                .put("max_stream_restarts", limits.maxStreamRestarts());
        limits.maxCostUsd().ifPresent(usd -> node.put("max_cost_usd", usd.toPlainString()));
        if (limits.maxTotalTokens() > 0) {
            node.put("max_total_tokens", limits.maxTotalTokens());
        }
        if (limits.maxToolCalls() > 0) {
            node.put("max_tool_calls", limits.maxToolCalls());
        }
        return Json.write(node);
    }

    static RunLimits limits(String json) {
        var node = Json.parseObject(json);
        var cost = node.path("max_cost_usd");
        return new RunLimits(node.path("max_steps").asInt(), node.path("max_output_tokens").asInt(),
                Duration.ofMillis(node.path("deadline_ms").asLong()),
                node.path("max_stream_restarts").asInt(RunLimits.DEFAULT_MAX_STREAM_RESTARTS),
                cost.isTextual() ? Optional.of(new BigDecimal(cost.textValue())) : Optional.empty(),
                node.path("max_total_tokens").asLong(RunLimits.UNLIMITED),
                node.path("max_tool_calls").asInt(RunLimits.UNLIMITED));
    }

    static String message(Message message) {
        ObjectNode node = Json.object().put("v", PAYLOAD_VERSION);
        node.set("content", ContentJson.blocks(message.content()));
        return Json.write(node);
    }

    static Message message(String role, String payload) {
        return new Message(Role.fromWire(role), ContentJson.blocks(Json.parseObject(payload).path("content")));
    }
}
