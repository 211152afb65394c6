package dev.mainstay.anthropic;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUnion;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Mainstay's {@link ModelRequest} to the SDK's {@link MessageCreateParams}. Pure and stateless.
 *
 * <p>With {@link ModelRequest#cacheSystemPrompt()} the system block and the last tool definition carry
 * {@code cache_control: {"type": "ephemeral"}}: the API caches the prefix up to each breakpoint, and tools are
 * rendered before the system prompt, so these two breakpoints cover the whole static part of the prompt.
 */
final class RequestMapper {
    private RequestMapper() {}

    static MessageCreateParams toParams(ModelRequest request, String defaultModel) {
        var model = request.model().isBlank() ? defaultModel : request.model();
        var builder = MessageCreateParams.builder()
                .model(model)
                .maxTokens(request.maxTokens())
                .messages(messages(request.messages()));
        if (!request.system().isEmpty()) {
            var system = TextBlockParam.builder().text(request.system());
            if (request.cacheSystemPrompt()) {
                system.cacheControl(ephemeral());
            }
            builder.system(MessageCreateParams.System.ofTextBlockParams(List.of(system.build())));
        }
        if (!request.tools().isEmpty()) {
            builder.tools(tools(request.tools(), request.cacheSystemPrompt()));
        }
        return builder.build();
    }

    private static List<MessageParam> messages(List<Message> messages) {
        var params = new ArrayList<MessageParam>(messages.size());
        for (var message : messages) {
            var blocks = message.content().stream().map(RequestMapper::block).toList();
            params.add(switch (message.role()) {
                case USER -> MessageParam.ofUserOfContentBlockParams(blocks);
                case ASSISTANT -> MessageParam.ofAssistantOfContentBlockParams(blocks);
            });
        }
        return params;
    }

    private static ContentBlockParam block(ContentBlock block) {
        return switch (block) {
            case TextBlock text -> ContentBlockParam.ofText(
                    TextBlockParam.builder().text(text.text()).build());
            case ToolUseBlock toolUse -> ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                    .id(toolUse.id())
                    .name(toolUse.name())
                    .input(JsonValue.fromJsonNode(toolUse.input()).convert(ToolUseBlockParam.Input.class))
                    .build());
            case ToolResultBlock result -> ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                    .toolUseId(result.toolUseId())
                    .content(result.content())
                    .isError(result.isError())
                    .build());
        };
    }

    private static List<ToolUnion> tools(List<ToolDefinition> definitions, boolean cacheLast) {
        var tools = new ArrayList<ToolUnion>(definitions.size());
        for (int i = 0; i < definitions.size(); i++) {
            var definition = definitions.get(i);
            var tool = Tool.builder()
                    .name(definition.name())
                    .description(definition.description())
                    .inputSchema(JsonValue.fromJsonNode(definition.inputSchema()).convert(Tool.InputSchema.class));
            if (cacheLast && i == definitions.size() - 1) {
                tool.cacheControl(ephemeral());
            }
            tools.add(ToolUnion.ofTool(tool.build()));
        }
        return tools;
    }

    private static CacheControlEphemeral ephemeral() {
        return CacheControlEphemeral.builder().build();
    }
}
