package dev.mainstay.sim;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.policy.Spotlight;
import dev.mainstay.sim.brain.Brain;
import dev.mainstay.sim.brain.Reply;
import java.util.ArrayList;
import java.util.Objects;

/**
 * A brain that reads spotlighted tool output ({@link Spotlight}) the way a model does: through the datamarks, as the
 * text it is. Spotlighting asks the model not to obey what it reads there; whether it does is the wrapped brain's
 * nature — the obedient brain still obeys, the scripted one never did. Without spotlighted content the request is
 * passed on untouched. Stateless and thread-safe.
 */
public final class SpotlightReading implements Brain {
    private final Brain brain;

    public SpotlightReading(Brain brain) {
        this.brain = Objects.requireNonNull(brain, "brain");
    }

    @Override
    public Reply reply(ModelRequest request) {
        boolean any = false;
        var messages = new ArrayList<Message>(request.messages().size());
        for (var message : request.messages()) {
            var blocks = new ArrayList<ContentBlock>(message.content().size());
            boolean changed = false;
            for (var block : message.content()) {
                if (block instanceof ToolResultBlock result) {
                    var read = Spotlight.read(result.content());
                    if (!read.equals(result.content())) {
                        blocks.add(new ToolResultBlock(result.toolUseId(), read, result.isError()));
                        changed = true;
                        continue;
                    }
                }
                blocks.add(block);
            }
            messages.add(changed ? new Message(message.role(), blocks) : message);
            any |= changed;
        }
        if (!any) {
            return brain.reply(request);
        }
        return brain.reply(new ModelRequest(request.model(), request.system(), messages, request.tools(),
                request.maxTokens(), request.stream(), request.cacheSystemPrompt(), request.thinkingBudget()));
    }
}
