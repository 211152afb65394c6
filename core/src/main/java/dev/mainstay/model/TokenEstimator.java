package dev.mainstay.model;

import dev.mainstay.json.Json;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One consistent, provider-neutral estimate of token counts: about four characters (Unicode code points) per
 * token, plus fixed overheads per request, message, tool and structured block. It is not any provider's tokenizer;
 * it exists so that everything that needs a number before (budgets) or without (the simulator, offline runs) a
 * provider's own count uses the same one.
 *
 * <p>The estimate is additive and monotone: {@link #estimateInput(ModelRequest)} is exactly the sum of
 * {@link #REQUEST_OVERHEAD}, {@link #estimateTools(List)}, {@link #estimateSystem(String)} and
 * {@link #estimateMessage(Message)} of every message, and each part is the sum of its blocks. So the tokens of any
 * prefix of a request (for prompt-cache accounting) never exceed the tokens of the whole request. Stateless and
 * thread-safe.
 */
public final class TokenEstimator {
    /** Characters (code points) per token. */
    public static final int CHARS_PER_TOKEN = 4;
    /** Tokens every request costs before any content. */
    public static final long REQUEST_OVERHEAD = 3;
    /** Tokens every message costs for its role and framing. */
    public static final long MESSAGE_OVERHEAD = 4;
    /** Tokens a non-empty system prompt costs for its framing. */
    public static final long SYSTEM_OVERHEAD = 2;
    /** Tokens the provider's hidden tool-use instructions cost when a request declares any tool. */
    public static final long TOOLS_PREAMBLE = 100;
    /** Tokens each declared tool costs beyond its JSON definition. */
    public static final long TOOL_OVERHEAD = 8;
    /** Tokens each tool_use or tool_result block costs beyond its text. */
    public static final long STRUCTURED_BLOCK_OVERHEAD = 8;

    private TokenEstimator() {}

    /** {@code ceil(codePoints / 4)}; 0 for an empty string. */
    public static long estimateText(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        long codePoints = text.codePointCount(0, text.length());
        return (codePoints + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** Every input token of the request: overhead, tools, system prompt and messages. */
    public static long estimateInput(ModelRequest request) {
        return estimateInput(request, estimateTools(request.tools()));
    }

    /**
     * {@link #estimateInput(ModelRequest)} given {@code toolTokens}, the {@link #estimateTools} of the request's
     * tools, which a caller pricing many requests over the same tools may count once.
     */
    public static long estimateInput(ModelRequest request, long toolTokens) {
        long total = REQUEST_OVERHEAD + toolTokens + estimateSystem(request.system());
        for (var message : request.messages()) {
            total += estimateMessage(message);
        }
        return total;
    }

    /** The tool declarations: a fixed preamble when there is any tool, plus each tool; 0 for no tools. */
    public static long estimateTools(List<ToolDefinition> tools) {
        if (tools.isEmpty()) {
            return 0;
        }
        long total = TOOLS_PREAMBLE;
        for (var tool : tools) {
            total += estimateTool(tool);
        }
        return total;
    }

    /** One tool declaration, counted by the length of its JSON (name, description, input schema). */
    public static long estimateTool(ToolDefinition tool) {
        var json = new LinkedHashMap<String, Object>();
        json.put("name", tool.name());
        json.put("description", tool.description());
        json.put("input_schema", tool.inputSchema());
        return TOOL_OVERHEAD + estimateText(Json.write(json));
    }

    /** The system prompt; 0 when it is empty. */
    public static long estimateSystem(String system) {
        return system.isEmpty() ? 0 : SYSTEM_OVERHEAD + estimateText(system);
    }

    /** One message: its overhead plus each of its blocks. */
    public static long estimateMessage(Message message) {
        return MESSAGE_OVERHEAD + estimateBlocks(message.content());
    }

    /** The sum of the blocks' estimates, without message overhead: also the output tokens of a reply. */
    public static long estimateBlocks(List<ContentBlock> blocks) {
        long total = 0;
        for (var block : blocks) {
            total += estimateBlock(block);
        }
        return total;
    }

    /** One content block: text by its characters, tool blocks by their name and JSON or result text. */
    public static long estimateBlock(ContentBlock block) {
        return switch (block) {
            case TextBlock text -> estimateText(text.text());
            case ToolUseBlock use ->
                STRUCTURED_BLOCK_OVERHEAD + estimateText(use.name()) + estimateText(Json.write(use.input()));
            case ToolResultBlock result -> STRUCTURED_BLOCK_OVERHEAD + estimateText(result.content());
            case ThinkingBlock thinking -> estimateText(thinking.thinking());
            case RedactedThinkingBlock redacted -> STRUCTURED_BLOCK_OVERHEAD + estimateText(redacted.data()) / 4;
            case RawBlock raw -> STRUCTURED_BLOCK_OVERHEAD + estimateText(Json.write(raw.json()));
        };
    }
}
