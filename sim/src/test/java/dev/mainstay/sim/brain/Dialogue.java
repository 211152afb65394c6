package dev.mainstay.sim.brain;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** Drives a brain through a whole conversation, running its tool calls on a {@link ToolBench}, like an agent loop. */
final class Dialogue {
    /** Every request sent and reply received, in order. */
    record Transcript(List<ModelRequest> requests, List<Reply> replies) {
        Reply last() {
            return replies.getLast();
        }

        String finalText() {
            return ContentBlocks.text(last().content());
        }
    }

    private Dialogue() {}

    static Transcript run(Brain brain, ToolBench bench, String task) {
        return run(brain, bench, List.of(Message.user(task)), ReferenceTools.all(), 10);
    }

    static Transcript run(Brain brain, ToolBench bench, List<Message> start, List<ToolDefinition> tools, int maxTurns) {
        var messages = new ArrayList<>(start);
        var requests = new ArrayList<ModelRequest>();
        var replies = new ArrayList<Reply>();
        for (int turn = 0; turn < maxTurns; turn++) {
            var request = ReferenceTools.request(messages, tools, 1024);
            var reply = brain.reply(request);
            requests.add(request);
            replies.add(reply);
            messages.add(Message.assistant(reply.content()));
            if (!reply.stopReason().equals(StopReason.TOOL_USE)) {
                break;
            }
            var results = new ArrayList<ContentBlock>();
            for (var use : ContentBlocks.toolUses(reply.content())) {
                results.add(bench.run(use));
            }
            messages.add(new Message(Role.USER, results));
        }
        return new Transcript(requests, replies);
    }
}
