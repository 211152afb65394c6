package dev.mainstay.testing;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A model that answers from a script: each call takes the next step, which returns a response or throws. Records
 * every request and context it received. Thread-safe.
 */
public final class ScriptedModel implements ModelClient {
    private final ConcurrentLinkedQueue<BiFunction<ModelRequest, CallContext, ModelResponse>> script =
            new ConcurrentLinkedQueue<>();
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
    private final List<CallContext> contexts = new CopyOnWriteArrayList<>();
    private BiFunction<ModelRequest, CallContext, ModelResponse> whenEmpty = (r, c) -> {
        throw new AssertionError("the script has no more responses");
    };

    public ScriptedModel then(ModelResponse response) {
        script.add((r, c) -> response);
        return this;
    }

    public ScriptedModel then(BiFunction<ModelRequest, CallContext, ModelResponse> step) {
        script.add(step);
        return this;
    }

    public ScriptedModel thenThrow(RuntimeException failure) {
        script.add((r, c) -> {
            throw failure;
        });
        return this;
    }

    /** What to answer once the script is used up (by default the call fails the test). */
    public ScriptedModel otherwise(BiFunction<ModelRequest, CallContext, ModelResponse> step) {
        this.whenEmpty = step;
        return this;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        requests.add(request);
        contexts.add(context);
        var step = script.poll();
        return (step == null ? whenEmpty : step).apply(request, context);
    }

    @Override
    public String name() {
        return "scripted";
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    public List<CallContext> contexts() {
        return List.copyOf(contexts);
    }

    // ---- response builders ----

    public static ModelResponse text(String text) {
        return new ModelResponse("msg_" + text.hashCode(), "claude-sonnet-4-5", List.of(new TextBlock(text)),
                StopReason.END_TURN, new Usage(100, 20, 0, 0), "req_test");
    }

    public static ModelResponse withStop(String text, StopReason reason) {
        return new ModelResponse("msg_stop", "claude-sonnet-4-5", List.of(new TextBlock(text)), reason,
                new Usage(100, 20, 0, 0), "req_test");
    }

    /** A response asking for tools; each call is {@code id, name, input map}. */
    public static ModelResponse toolUse(ToolUseBlock... uses) {
        var content = new ArrayList<ContentBlock>();
        content.add(new TextBlock("Let me use my tools."));
        content.addAll(List.of(uses));
        return new ModelResponse("msg_tools", "claude-sonnet-4-5", content, StopReason.TOOL_USE,
                new Usage(120, 40, 0, 0), "req_test");
    }

    public static ToolUseBlock use(String id, String name, Map<String, ?> input) {
        return new ToolUseBlock(id, name, Json.mapper().valueToTree(input));
    }
}
