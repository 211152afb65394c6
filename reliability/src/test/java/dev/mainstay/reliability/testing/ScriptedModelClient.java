package dev.mainstay.reliability.testing;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A model client that plays a programmed sequence of outcomes, one per call, and records each call. When the script
 * runs out, the last step repeats. Thread-safe.
 */
public final class ScriptedModelClient implements ModelClient {
    /** One programmed outcome. */
    @FunctionalInterface
    public interface Step {
        ModelResponse play(ModelRequest request, CallContext context);
    }

    private final String name;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final List<CallContext> contexts = new ArrayList<>();
    private Step last;

    public ScriptedModelClient(String name) {
        this.name = name;
    }

    public ScriptedModelClient() {
        this("scripted");
    }

    public synchronized ScriptedModelClient thenAnswer(String text) {
        steps.add((request, context) -> response(request.model(), text));
        return this;
    }

    public synchronized ScriptedModelClient thenFail(ModelException failure) {
        steps.add((request, context) -> {
            throw failure;
        });
        return this;
    }

    /** Streams {@code text} to the caller's observer, then fails with {@code failure}. */
    public synchronized ScriptedModelClient thenStreamAndFail(String text, ModelException failure) {
        steps.add((request, context) -> {
            context.observer().onTextDelta(0, text);
            throw failure;
        });
        return this;
    }

    public synchronized ScriptedModelClient then(Step step) {
        steps.add(step);
        return this;
    }

    /** Fails every call from now on with {@code failure}. */
    public synchronized ScriptedModelClient alwaysFail(ModelException failure) {
        steps.clear();
        return thenFail(failure);
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        Step step;
        synchronized (this) {
            requests.add(request);
            contexts.add(context);
            if (!steps.isEmpty()) {
                last = steps.poll();
            }
            step = last;
        }
        if (step == null) {
            throw new AssertionError("the script of " + name + " is empty");
        }
        return step.play(request, context);
    }

    @Override
    public String name() {
        return name;
    }

    public synchronized int calls() {
        return requests.size();
    }

    public synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<CallContext> contexts() {
        return List.copyOf(contexts);
    }

    public static ModelResponse response(String model, String text) {
        return new ModelResponse("msg_1", model, List.of(new TextBlock(text)), StopReason.END_TURN,
                new Usage(10, 5, 0, 0), "req_1");
    }
}
