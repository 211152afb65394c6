package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.sim.Outcome;
import java.util.Map;
import java.util.Set;

/**
 * Which top-level request fields the simulator takes. Every field is one of three kinds:
 * <ul>
 *   <li>honoured — read, validated as the API does and acted on (or, for {@code temperature}, {@code top_p},
 *       {@code top_k}, {@code metadata} and {@code service_tier}, validated and accepted: they change nothing a
 *       deterministic simulator could show);</li>
 *   <li>known but not implemented — fields the API (or its betas) has and real clients send; any non-null value is
 *       a 400 naming the field, never a silent success that would let a test pass against behaviour the simulator
 *       does not have;</li>
 *   <li>unknown — a 400 in the API's own wording ({@code foo: Extra inputs are not permitted}).</li>
 * </ul>
 * {@code count_tokens} takes fewer fields than {@code /v1/messages}, as in the API.
 */
final class TopLevelFields {
    static final Set<String> MESSAGES = Set.of("model", "max_tokens", "messages", "system", "tools", "stream",
            "tool_choice", "stop_sequences", "thinking", "metadata", "service_tier", "temperature", "top_p", "top_k");
    static final Set<String> COUNT_TOKENS = Set.of("model", "messages", "system", "tools", "tool_choice", "thinking");

    /** Known fields the simulator cannot honour, with what they ask for. */
    private static final Map<String, String> NOT_IMPLEMENTED = Map.ofEntries(
            Map.entry("thread", "message threads (conversation state held by the server)"),
            Map.entry("container", "code execution containers"),
            Map.entry("mcp_servers", "the MCP connector; declare those tools as custom tools instead"),
            Map.entry("context_management", "context management"),
            Map.entry("compaction", "server-side compaction"),
            Map.entry("output_config", "output configuration (effort, structured output formats)"),
            Map.entry("output_format", "structured output formats"),
            Map.entry("fallbacks", "model fallbacks"),
            Map.entry("fallback_credit_token", "model fallbacks"),
            Map.entry("billing_policy", "billing policies"),
            Map.entry("diagnostics", "request diagnostics"),
            Map.entry("inference_geo", "choosing where inference runs"),
            Map.entry("speed", "speed modes other than 'standard'"),
            Map.entry("cache_control", "automatic prompt caching (a top-level cache_control); put cache_control on"
                    + " the blocks to cache instead"));

    /** The not-implemented fields {@code count_tokens} knows too (the rest are extra inputs there). */
    private static final Set<String> COUNT_TOKENS_ALSO_KNOWS =
            Set.of("mcp_servers", "context_management", "output_config", "output_format", "cache_control");

    private TopLevelFields() {}

    /**
     * @param messagesEndpoint true for {@code /v1/messages}, false for {@code count_tokens}
     * @throws ApiError 400 for the first field, in body order, that the endpoint does not take
     */
    static void check(ObjectNode root, boolean messagesEndpoint) {
        var taken = messagesEndpoint ? MESSAGES : COUNT_TOKENS;
        for (var field : root.properties()) {
            var name = field.getKey();
            if (taken.contains(name)) {
                continue;
            }
            var reason = NOT_IMPLEMENTED.get(name);
            if (reason == null || !messagesEndpoint && !COUNT_TOKENS_ALSO_KNOWS.contains(name)) {
                throw ApiError.invalidRequest(name + ": Extra inputs are not permitted");
            }
            var value = field.getValue();
            if (value.isNull() || name.equals("speed") && "standard".equals(value.asText())) {
                continue;
            }
            if (name.equals("thread")) {
                throw threadUnsupported();
            }
            throw ApiError.invalidRequest(name + ": the Mainstay simulator does not support " + reason);
        }
    }

    /**
     * The API's refusal of a {@code thread} it cannot hold, with {@code error.details.error_code}
     * {@code thread_unsupported_request}: the SDKs' thread helpers (and the TypeScript tool runner, which threads by
     * default) recognise it and send the full conversation again without {@code thread}.
     */
    private static ApiError threadUnsupported() {
        var details = Json.object().put("error_code", "thread_unsupported_request");
        return new ApiError(400, ApiErrorType.INVALID_REQUEST, Outcome.INVALID_REQUEST,
                "thread: the Mainstay simulator does not support " + NOT_IMPLEMENTED.get("thread")
                        + "; send the full conversation without `thread`",
                details);
    }
}
