package dev.mainstay.journal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.math.BigDecimal;
import java.util.TreeSet;

/**
 * A cost as {@code cost_usd} (an exact decimal, or null when not known) with, when not known, the priced part and
 * the models that had no price.
 */
public final class CostJson {
    private CostJson() {}

    public static void write(ObjectNode node, Cost cost) {
        cost.usd().ifPresentOrElse(usd -> node.put("cost_usd", usd), () -> {
            node.putNull("cost_usd");
            node.put("cost_unknown_reason", cost.unknownReason().orElseThrow());
            node.put("priced_usd", cost.pricedUsd());
            var models = node.putArray("unpriced_models");
            cost.unpricedModels().stream().sorted().forEach(models::add);
        });
    }

    static Cost read(JsonNode node) {
        var usd = node.get("cost_usd");
        if (usd != null && usd.isNumber()) {
            return Cost.usd(exact(usd));
        }
        var models = new TreeSet<String>();
        node.path("unpriced_models").forEach(m -> models.add(m.asText()));
        var priced = node.get("priced_usd");
        return new Cost(priced != null && priced.isNumber() ? exact(priced) : Cost.ZERO.pricedUsd(), models);
    }

    /** The billed attempts of a step: endpoint, model, usage and cost each. */
    public static ArrayNode billed(List<BilledAttempt> attempts) {
        var array = Json.mapper().createArrayNode();
        for (var attempt : attempts) {
            var item = array.addObject().put("endpoint", attempt.endpoint()).put("model", attempt.model());
            item.set("usage", ContentJson.usage(attempt.usage()));
            write(item, attempt.cost());
        }
        return array;
    }

    static List<BilledAttempt> billed(JsonNode array) {
        var attempts = new ArrayList<BilledAttempt>();
        for (var item : array) {
            attempts.add(new BilledAttempt(item.path("endpoint").asText(""), item.path("model").asText(""),
                    ContentJson.usage(item.path("usage")), read(item)));
        }
        return attempts;
    }

    private static BigDecimal exact(JsonNode number) {
        return number.isBigDecimal() ? number.decimalValue() : new BigDecimal(number.asText());
    }
}
