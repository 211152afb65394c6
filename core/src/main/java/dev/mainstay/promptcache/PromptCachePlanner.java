package dev.mainstay.promptcache;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Places a request's {@code cache_control} markers. A pure function of the request and the policy; stateless and
 * thread-safe.
 *
 * <p>The API caches the prompt prefix up to each marker and, on a later request, reads the longest prefix it has
 * seen — at a marker, or at any block boundary up to 20 blocks before one. An agent's prompt grows by appending
 * (tools, system, then the conversation, each call adding the model's answer and the tool results), so four markers
 * cover it, in this order:
 *
 * <ol>
 *   <li>the last tool definition (static TTL): the tools alone, still read when a system prompt changes;
 *   <li>the system prompt (static TTL): tools and system, shared by every run of the agent;
 *   <li>the last block of the latest user message before the latest assistant message (conversation TTL): where the
 *       previous call of this run put its last marker, so the previous call's entry is read however many blocks the
 *       model's answer and the tool results added since (the API's look-back stops at 20);
 *   <li>the last block of the last message (conversation TTL): the whole prompt, written for the next call.
 * </ol>
 *
 * <p>Markers go on text (not empty), {@code tool_use} and {@code tool_result} blocks only — the API refuses them on
 * thinking blocks — so a message without such a block gets none. A marker costs nothing by itself: tokens are
 * written once, at the TTL of the first marker after them, and a prefix below the model's minimum cacheable length
 * is simply not cached, which is why the planner does not second-guess that minimum with its own token estimate. A
 * request with {@link ModelRequest#cacheSystemPrompt()} off gets no markers: the agent opted out.
 */
public final class PromptCachePlanner {
    private PromptCachePlanner() {}

    /** The markers for {@code request} under {@code policy}; {@link CachePlan#NONE} when nothing is to be cached. */
    public static CachePlan plan(ModelRequest request, PromptCachePolicy policy) {
        if (policy.isOff() || !request.cacheSystemPrompt()) {
            return CachePlan.NONE;
        }
        var breakpoints = new ArrayList<CacheBreakpoint>(CachePlan.MAX_BREAKPOINTS);
        policy.staticPrefix().ifPresent(ttl -> {
            if (!request.tools().isEmpty()) {
                breakpoints.add(CacheBreakpoint.tool(request.tools().size() - 1, ttl));
            }
            if (!request.system().isEmpty()) {
                breakpoints.add(CacheBreakpoint.system(0, ttl));
            }
        });
        policy.conversation().ifPresent(ttl -> {
            var messages = request.messages();
            int last = messages.size() - 1;
            int previous = previousCallEnd(messages);
            if (previous >= 0) {
                markLastBlock(messages, previous, ttl, breakpoints);
            }
            markLastBlock(messages, last, ttl, breakpoints);
        });
        return new CachePlan(breakpoints);
    }

    /**
     * The message the previous call of a loop ended with: the latest user message before the latest assistant
     * message; -1 when there is none.
     */
    static int previousCallEnd(List<Message> messages) {
        int assistant = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.ASSISTANT) {
                assistant = i;
                break;
            }
        }
        for (int i = assistant - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return i;
            }
        }
        return -1;
    }

    private static void markLastBlock(List<Message> messages, int message, CacheTtl ttl, List<CacheBreakpoint> out) {
        var content = messages.get(message).content();
        for (int block = content.size() - 1; block >= 0; block--) {
            if (markable(content.get(block))) {
                var breakpoint = CacheBreakpoint.block(message, block, ttl);
                if (out.isEmpty() || !out.getLast().samePlaceAs(breakpoint)) {
                    out.add(breakpoint);
                }
                return;
            }
        }
    }

    /** Whether the API accepts a {@code cache_control} marker on {@code block}. */
    static boolean markable(ContentBlock block) {
        return switch (block) {
            case TextBlock text -> !text.text().isEmpty();
            case ToolUseBlock use -> true;
            case ToolResultBlock result -> true;
            default -> false;
        };
    }
}
