package dev.mainstay.telemetry;

import dev.mainstay.model.Usage;

/**
 * The OpenTelemetry GenAI semantic-convention names Mainstay writes (spans and metrics), and the few of its own
 * ({@code mainstay.*}) for what the conventions have no name for. One place, so a rename of the (still
 * experimental) conventions is one edit.
 */
public final class GenAi {
    public static final String OPERATION = "gen_ai.operation.name";
    public static final String PROVIDER = "gen_ai.provider.name";
    public static final String AGENT_NAME = "gen_ai.agent.name";
    public static final String CONVERSATION_ID = "gen_ai.conversation.id";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    /** All input tokens, cache reads and writes included, as the conventions ask. */
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String CACHE_READ_TOKENS = "gen_ai.usage.cache_read.input_tokens";
    public static final String CACHE_CREATION_TOKENS = "gen_ai.usage.cache_creation.input_tokens";
    public static final String TOOL_NAME = "gen_ai.tool.name";
    public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
    public static final String TOOL_TYPE = "gen_ai.tool.type";
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    public static final String ERROR_TYPE = "error.type";

    public static final String OP_CHAT = "chat";
    public static final String OP_INVOKE_AGENT = "invoke_agent";
    public static final String OP_EXECUTE_TOOL = "execute_tool";

    /** Histogram: seconds per model call attempt. */
    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Histogram: tokens per model call attempt, by {@link #TOKEN_TYPE}. */
    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";

    private GenAi() {}

    /**
     * The input tokens of {@code usage} in the conventions' sense: everything the model read, whether fresh, read
     * from the prompt cache or written to it (Anthropic's {@code input_tokens} counts only the fresh part).
     */
    public static long inputTokens(Usage usage) {
        return usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheCreationInputTokens();
    }

    /**
     * The provider of an endpoint, from its name ({@code anthropic:claude-sonnet-4-5} → {@code anthropic}; an
     * OpenAI-compatible endpoint → {@code openai}).
     */
    public static String provider(String endpoint) {
        int colon = endpoint.indexOf(':');
        var client = colon < 0 ? endpoint : endpoint.substring(0, colon);
        return client.startsWith("openai") ? "openai" : client.isEmpty() ? "unknown" : client;
    }
}
