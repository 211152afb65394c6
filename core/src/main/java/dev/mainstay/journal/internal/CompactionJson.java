package dev.mainstay.journal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.journal.Compaction;
import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code compaction} object of {@code run_opened} (journal version 6): the policy, the history range
 * {@code [from, to)} replaced, its replacement, the token estimates before and after, and the summary call's model,
 * usage, cost and billed attempts when there was one.
 */
final class CompactionJson {
    private CompactionJson() {}

    static ObjectNode write(Compaction c) {
        var node = Json.object().put("policy", c.policy().wire()).put("from", c.from()).put("to", c.to());
        node.set("replacement", messages(c.replacement()));
        node.put("tokens_before", c.tokensBefore()).put("tokens_after", c.tokensAfter());
        if (!c.model().isEmpty()) {
            node.put("model", c.model());
        }
        node.set("usage", ContentJson.usage(c.usage()));
        CostJson.write(node, c.cost());
        if (!c.billed().isEmpty()) {
            node.set("billed", CostJson.billed(c.billed()));
        }
        return node;
    }

    static Optional<Compaction> read(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Compaction(Compaction.Policy.fromWire(n.path("policy").asText()),
                n.path("from").asInt(), n.path("to").asInt(), messages(n.path("replacement")),
                n.path("tokens_before").asLong(), n.path("tokens_after").asLong(), n.path("model").asText(""),
                ContentJson.usage(n.path("usage")), CostJson.read(n), CostJson.billed(n.path("billed"))));
    }

    static ArrayNode messages(List<Message> messages) {
        var array = Json.mapper().createArrayNode();
        for (var message : messages) {
            array.addObject().put("role", message.role().wire()).set("content", ContentJson.blocks(message.content()));
        }
        return array;
    }

    static List<Message> messages(JsonNode array) {
        var messages = new ArrayList<Message>();
        for (var m : array) {
            messages.add(new Message(Role.fromWire(m.path("role").asText()), ContentJson.blocks(m.path("content"))));
        }
        return messages;
    }
}
