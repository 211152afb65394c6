package dev.mainstay.costcontrol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.journal.internal.ContentJson;
import dev.mainstay.json.Json;
import dev.mainstay.model.ModelRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * The key of one answer in the response cache: the tenant and the SHA-256 of the normalised request. Two requests
 * share a key exactly when a provider would be asked the same thing: the same model, system prompt, tools (name,
 * description, input schema, in order), messages (every block), {@code max_tokens} and thinking budget. Left out, as
 * they do not change what the model is asked: whether the call streams (a hit replays the text to a streaming
 * caller) and whether the system prompt is marked for prompt caching (a billing hint). The request carries no
 * sampling parameters (temperature, top_p): Mainstay sends the provider's defaults, so every cacheable request samples
 * alike; a sampling field added to {@link ModelRequest} must join the key ({@link #KEYED} lists what is).
 *
 * <p>Hashing keeps a long conversation's key small; the tenant stays outside the hash, so no two tenants can ever
 * share an entry. Immutable.
 */
record ResponseCacheKey(String tenantId, String digest) {
    /** The components of {@link ModelRequest} the key covers. */
    static final Set<String> KEYED = Set.of("model", "system", "messages", "tools", "maxTokens", "thinkingBudget");
    /** The components it leaves out, and why (see the class comment). */
    static final Set<String> UNKEYED = Set.of("stream", "cacheSystemPrompt");

    ResponseCacheKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(digest, "digest");
    }

    static ResponseCacheKey of(String tenantId, ModelRequest request) {
        return new ResponseCacheKey(tenantId, sha256(Json.write(normalised(request))));
    }

    /** The request as the key sees it: fixed field order, every keyed component, nothing else. */
    static ObjectNode normalised(ModelRequest request) {
        var node = Json.object().put("model", request.model()).put("system", request.system())
                .put("max_tokens", request.maxTokens()).put("thinking_budget", request.thinkingBudget());
        var tools = node.putArray("tools");
        for (var tool : request.tools()) {
            tools.addObject().put("name", tool.name()).put("description", tool.description())
                    .set("input_schema", Json.mapper().valueToTree(tool.inputSchema()));
        }
        var messages = node.putArray("messages");
        for (var message : request.messages()) {
            messages.addObject().put("role", message.role().wire())
                    .set("content", ContentJson.blocks(message.content()));
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
