package dev.mainstay.sim.brain;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a brain reads from one request. The brains keep no state between requests: the current task is the latest
 * user message that carries text and no tool results, and its progress is the tool calls answered since then.
 *
 * @param task the text of the current task, empty when there is none
 * @param exchanges the answered tool calls since the task, in the order the model made them
 * @param history every answered tool call of the whole conversation, in order
 */
record Conversation(ModelRequest request, String task, List<Exchange> exchanges, List<Exchange> history) {
    Conversation {
        exchanges = List.copyOf(exchanges);
        history = List.copyOf(history);
    }

    static Conversation of(ModelRequest request) {
        var messages = request.messages();
        int taskIndex = -1;
        for (int i = messages.size() - 1; i >= 0 && taskIndex < 0; i--) {
            if (isTask(messages.get(i))) {
                taskIndex = i;
            }
        }
        var results = new HashMap<String, ToolResultBlock>();
        for (var message : messages) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ToolResultBlock result) {
                    results.putIfAbsent(result.toolUseId(), result);
                }
            }
        }
        var exchanges = new ArrayList<Exchange>();
        var history = new ArrayList<Exchange>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() != Role.ASSISTANT) {
                continue;
            }
            for (ContentBlock block : messages.get(i).content()) {
                if (block instanceof ToolUseBlock use && results.containsKey(use.id())) {
                    var exchange = new Exchange(use, results.get(use.id()));
                    history.add(exchange);
                    if (i > taskIndex) {
                        exchanges.add(exchange);
                    }
                }
            }
        }
        var task = taskIndex < 0 ? "" : messages.get(taskIndex).text().strip();
        if (taskIndex > 0) {
            var earlier = new ArrayList<String>();
            for (int i = 0; i < taskIndex; i++) {
                if (isTask(messages.get(i))) {
                    earlier.add(messages.get(i).text().strip());
                }
            }
            task = FollowUps.resolve(task, earlier);
        }
        return new Conversation(request, task, exchanges, history);
    }

    private static boolean isTask(Message message) {
        return message.role() == Role.USER
                && message.content().stream().noneMatch(ToolResultBlock.class::isInstance)
                && message.content().stream().anyMatch(b -> b instanceof TextBlock text && !text.text().isBlank());
    }

    boolean declares(String tool) {
        return request.tools().stream().anyMatch(t -> t.name().equals(tool));
    }

    Optional<ToolDefinition> tool(String name) {
        return request.tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** This conversation with the given tool calls left out, as if they had not been made. */
    Conversation without(Set<String> toolUseIds) {
        return new Conversation(request, task,
                exchanges.stream().filter(e -> !toolUseIds.contains(e.use().id())).toList(),
                history.stream().filter(e -> !toolUseIds.contains(e.use().id())).toList());
    }

    int maxTokens() {
        return request.maxTokens();
    }
}
