package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.List;
import java.util.Objects;

/**
 * A model that never finishes: every reply calls a tool again, for testing the limits that stop runaway runs
 * (max steps, budgets, deadlines). It searches the web with a slightly varied query when {@code web_search} is
 * declared, and otherwise calls the first declared tool with a small input valid for its schema. With no tools
 * declared it rambles until {@code max_tokens}. It never returns {@code end_turn} and ignores {@code max_tokens}
 * for tool calls.
 *
 * <p>Stateless and thread-safe; the same request and seed give an equal reply.
 */
public final class RunawayBrain implements Brain {
    private static final List<String> VARIATIONS =
            List.of("", " details", " latest", " explained", " official source", " in depth", " overview");
    private static final List<String> LINES = List.of(
            "Let me search for that.", "I need a bit more information.", "Let me check once more to be sure.",
            "One more look should settle it.", "I'll try again with a slightly different angle.");
    private static final String RAMBLE = "Let me think about this a little more. ";

    private final long seed;

    public RunawayBrain(long seed) {
        this.seed = seed;
    }

    @Override
    public Reply reply(ModelRequest request) {
        Objects.requireNonNull(request, "request");
        var conversation = Conversation.of(request);
        int attempt = conversation.exchanges().size();
        String tool;
        ObjectNode input;
        if (conversation.declares(Intent.WEB_SEARCH)) {
            tool = Intent.WEB_SEARCH;
            input = Json.object().put("query", query(conversation, attempt));
        } else if (!request.tools().isEmpty()) {
            var first = request.tools().getFirst();
            tool = first.name();
            input = SchemaSamples.object(first.inputSchema());
        } else {
            return ramble(request.maxTokens());
        }
        var use = new ToolUseBlock(new ToolUseIds(seed, request).id(0), tool, input);
        var line = LINES.get(Math.floorMod(attempt + seed, LINES.size()));
        return new Reply(List.of(new TextBlock(line), use), StopReason.TOOL_USE);
    }

    private static String query(Conversation conversation, int attempt) {
        var base = IntentParser.parse(conversation.task()).intents().stream()
                .filter(Intent.Search.class::isInstance).map(i -> ((Intent.Search) i).query())
                .findFirst().orElse(Words.clean(conversation.task()));
        if (base.isBlank()) {
            base = "more information";
        }
        var variation = VARIATIONS.get(attempt % VARIATIONS.size());
        int room = SearchPhrases.MAX_QUERY - variation.length();
        return (base.length() > room ? base.substring(0, room).strip() : base) + variation;
    }

    private static Reply ramble(int maxTokens) {
        long budget = (long) maxTokens * TokenBudget.CHARS_PER_TOKEN;
        var text = new StringBuilder();
        while (text.length() + RAMBLE.length() <= budget) {
            text.append(RAMBLE);
        }
        var content = text.isEmpty() ? RAMBLE.substring(0, (int) Math.min(budget, RAMBLE.length())) : text.toString();
        return new Reply(List.of(new TextBlock(content.strip().isEmpty() ? "Let" : content.strip())),
                StopReason.MAX_TOKENS);
    }
}
