package dev.mainstay.anthropic;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RedactedThinkingBlockParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUnion;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.promptcache.CachePlan;
import dev.mainstay.promptcache.CacheTtl;
import dev.mainstay.promptcache.PromptCachePlanner;
import dev.mainstay.promptcache.PromptCachePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Mainstay's {@link ModelRequest} to the SDK's {@link MessageCreateParams}. Thread-safe; one instance per client.
 *
 * <p>A run sends the same tool definitions on every call, and converting a JSON Schema into the SDK's typed
 * {@link Tool.InputSchema} is a full Jackson round trip, so each definition's SDK tool is converted once and kept
 * (value equality of {@link ToolDefinition}; at most {@value #MAX_CACHED_TOOLS} definitions, the cache is emptied
 * when full). Tool-use inputs are copied field by field into the SDK's untyped input, without a round trip.
 *
 * <p>Prompt caching: the client's {@link PromptCachePolicy} and {@link PromptCachePlanner} decide, for each request
 * as it is sent (after routing and fallback chose its model, after compaction shaped its history), which items
 * carry {@code cache_control}: the last tool, the system block and up to two conversation blocks, at most four. A
 * 5-minute marker is {@code {"type": "ephemeral"}} (the API's default TTL), a 1-hour one adds {@code "ttl": "1h"}.
 *
 * <p>With a {@link ModelRequest#thinkingBudget()} the request asks for extended thinking,
 * {@code thinking: {"type": "enabled", "budget_tokens": N}}. The history goes back as it was received: thinking
 * blocks with their signatures, which the API verifies, and each {@link RawBlock} as its own JSON, read by the SDK
 * into the matching parameter type ({@code server_tool_use}, {@code web_search_tool_result}…) or, for a type the SDK
 * does not know, kept as that JSON; either way it is written back with every field it came with.
 */
final class RequestMapper {
    /** How many tool definitions the cache holds before it is emptied. */
    static final int MAX_CACHED_TOOLS = 256;

    private final ConcurrentHashMap<ToolDefinition, MappedTool> toolCache = new ConcurrentHashMap<>();
    /** The last list of definitions mapped, by identity: a toolbox hands out the same list on every call. */
    private volatile MappedTools lastTools = new MappedTools(List.of(), Optional.empty(), List.of());
    private final PromptCachePolicy promptCache;

    /** A mapper with the default prompt-cache policy ({@link AnthropicConfig#DEFAULT_PROMPT_CACHE}). */
    RequestMapper() {
        this(AnthropicConfig.DEFAULT_PROMPT_CACHE);
    }

    RequestMapper(PromptCachePolicy promptCache) {
        this.promptCache = Objects.requireNonNull(promptCache, "promptCache");
    }

    MessageCreateParams toParams(ModelRequest request, String defaultModel) {
        var model = request.model().isBlank() ? defaultModel : request.model();
        var plan = PromptCachePlanner.plan(request, promptCache);
        var builder = MessageCreateParams.builder()
                .model(model)
                .maxTokens(request.maxTokens())
                .messages(messages(request.messages(), plan));
        if (!request.system().isEmpty()) {
            var system = TextBlockParam.builder().text(request.system());
            plan.onSystem(0).ifPresent(ttl -> system.cacheControl(ephemeral(ttl)));
            builder.system(MessageCreateParams.System.ofTextBlockParams(List.of(system.build())));
        }
        if (!request.tools().isEmpty()) {
            builder.tools(tools(request.tools(), plan.onTool(request.tools().size() - 1)));
        }
        if (request.thinkingBudget() > 0) {
            builder.enabledThinking(request.thinkingBudget());
        }
        return builder.build();
    }

    private static List<MessageParam> messages(List<Message> messages, CachePlan plan) {
        var params = new ArrayList<MessageParam>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            var blocks = new ArrayList<ContentBlockParam>(message.content().size());
            for (int j = 0; j < message.content().size(); j++) {
                var block = message.content().get(j);
                var ttl = plan.marksMessages() ? plan.onBlock(i, j) : Optional.<CacheTtl>empty();
                blocks.add(ttl.isPresent() ? marked(block, ttl.get()) : param(block));
            }
            params.add(switch (message.role()) {
                case USER -> MessageParam.ofUserOfContentBlockParams(blocks);
                case ASSISTANT -> MessageParam.ofAssistantOfContentBlockParams(blocks);
            });
        }
        return params;
    }

    /** {@code block} as the SDK sends it. */
    static ContentBlockParam param(ContentBlock block) {
        return switch (block) {
            case TextBlock text -> ContentBlockParam.ofText(
                    TextBlockParam.builder().text(text.text()).build());
            case ToolUseBlock toolUse -> ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                    .id(toolUse.id())
                    .name(toolUse.name())
                    .input(input(toolUse.input()))
                    .build());
            case ToolResultBlock result -> ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                    .toolUseId(result.toolUseId())
                    .content(result.content())
                    .isError(result.isError())
                    .build());
            case ThinkingBlock thinking -> ContentBlockParam.ofThinking(ThinkingBlockParam.builder()
                    .thinking(thinking.thinking())
                    .signature(thinking.signature())
                    .build());
            case RedactedThinkingBlock redacted -> ContentBlockParam.ofRedactedThinking(
                    RedactedThinkingBlockParam.builder().data(redacted.data()).build());
            case RawBlock raw -> JsonValue.fromJsonNode(raw.json()).convert(ContentBlockParam.class);
        };
    }

    /**
     * {@code block} with a {@code cache_control} marker. The planner marks only text, tool-use and tool-result
     * blocks; any other block goes without one.
     */
    static ContentBlockParam marked(ContentBlock block, CacheTtl ttl) {
        return switch (block) {
            case TextBlock text -> ContentBlockParam.ofText(
                    TextBlockParam.builder().text(text.text()).cacheControl(ephemeral(ttl)).build());
            case ToolUseBlock toolUse -> ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                    .id(toolUse.id())
                    .name(toolUse.name())
                    .input(input(toolUse.input()))
                    .cacheControl(ephemeral(ttl))
                    .build());
            case ToolResultBlock result -> ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                    .toolUseId(result.toolUseId())
                    .content(result.content())
                    .isError(result.isError())
                    .cacheControl(ephemeral(ttl))
                    .build());
            default -> param(block);
        };
    }

    private List<ToolUnion> tools(List<ToolDefinition> definitions, Optional<CacheTtl> lastMarker) {
        var last = lastTools;
        if (last.definitions() == definitions && last.lastMarker().equals(lastMarker)) {
            return last.mapped(); // no deep hashing of every schema on every call
        }
        var mapped = mapTools(definitions, lastMarker);
        lastTools = new MappedTools(definitions, lastMarker, mapped);
        return mapped;
    }

    private List<ToolUnion> mapTools(List<ToolDefinition> definitions, Optional<CacheTtl> lastMarker) {
        var mapped = new ArrayList<ToolUnion>(definitions.size());
        for (int i = 0; i < definitions.size(); i++) {
            var tool = tool(definitions.get(i));
            mapped.add(lastMarker.isPresent() && i == definitions.size() - 1
                    ? tool.withBreakpoint(lastMarker.get()) : tool.plain());
        }
        return List.copyOf(mapped);
    }

    /** The SDK form of {@code definition}, converted on first use. */
    MappedTool tool(ToolDefinition definition) {
        var cached = toolCache.get(definition);
        if (cached != null) {
            return cached;
        }
        if (toolCache.size() >= MAX_CACHED_TOOLS) {
            toolCache.clear(); // many distinct definitions: start over rather than grow without bound
        }
        return toolCache.computeIfAbsent(definition, RequestMapper::convert);
    }

    private static MappedTool convert(ToolDefinition definition) {
        var tool = Tool.builder()
                .name(definition.name())
                .description(definition.description())
                .inputSchema(JsonValue.fromJsonNode(definition.inputSchema()).convert(Tool.InputSchema.class))
                .build();
        return new MappedTool(ToolUnion.ofTool(tool),
                ToolUnion.ofTool(tool.toBuilder().cacheControl(ephemeral(CacheTtl.FIVE_MINUTES)).build()),
                ToolUnion.ofTool(tool.toBuilder().cacheControl(ephemeral(CacheTtl.ONE_HOUR)).build()));
    }

    private static ToolUseBlockParam.Input input(ObjectNode input) {
        var builder = ToolUseBlockParam.Input.builder();
        for (var field : input.properties()) {
            builder.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        return builder.build();
    }

    /**
     * The SDK tools mapped from one list of definitions. The list is compared by identity, which is sound only while
     * it is not modified: {@link ModelRequest} holds an unmodifiable copy, so a caller's list cannot change under it.
     */
    private record MappedTools(
            List<ToolDefinition> definitions, Optional<CacheTtl> lastMarker, List<ToolUnion> mapped) {}

    /** One definition as the SDK sends it, without and with a 5-minute or a 1-hour {@code cache_control} marker. */
    record MappedTool(ToolUnion plain, ToolUnion fiveMinutes, ToolUnion oneHour) {
        ToolUnion withBreakpoint(CacheTtl ttl) {
            return ttl == CacheTtl.ONE_HOUR ? oneHour : fiveMinutes;
        }
    }

    /** {@code {"type":"ephemeral"}}, with {@code "ttl":"1h"} for the 1-hour TTL (5 minutes is the API's default). */
    private static CacheControlEphemeral ephemeral(CacheTtl ttl) {
        var control = CacheControlEphemeral.builder();
        if (ttl == CacheTtl.ONE_HOUR) {
            control.ttl(CacheControlEphemeral.Ttl.TTL_1H);
        }
        return control.build();
    }
}
