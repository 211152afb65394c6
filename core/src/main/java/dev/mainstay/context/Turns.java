package dev.mainstay.context;

import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolResultBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the turns of a history begin. A turn begins at a user message that carries no tool result (something the
 * user said) and runs to the next one: the assistant's answers, its tool_use blocks and the user messages carrying
 * their tool_result blocks all belong to the turn they answer. Cutting a history only at turn starts therefore never
 * separates a tool_use from its tool_result. Pure.
 */
public final class Turns {
    private Turns() {}

    /** The indices at which turns begin, ascending; the first message always begins one. */
    public static List<Integer> starts(List<Message> history) {
        var starts = new ArrayList<Integer>();
        for (int i = 0; i < history.size(); i++) {
            if (i == 0 || beginsTurn(history.get(i))) {
                starts.add(i);
            }
        }
        return starts;
    }

    /** Whether {@code message} is something the user said rather than tool results handed back. */
    public static boolean beginsTurn(Message message) {
        return message.role() == Role.USER
                && message.content().stream().noneMatch(ToolResultBlock.class::isInstance);
    }
}
