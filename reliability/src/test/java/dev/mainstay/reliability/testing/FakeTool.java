package dev.mainstay.reliability.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolCall;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolInterceptor;
import dev.mainstay.tool.ToolChain;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;

/** A tool whose behaviour a test supplies, and helpers to run it through interceptors. */
public final class FakeTool implements Tool {
    /** What the tool does when called. */
    @FunctionalInterface
    public interface Behaviour {
        ToolResult run(ToolContext context) throws Exception;
    }

    private final ToolSpec spec;
    private final Behaviour behaviour;
    private final AtomicInteger calls = new AtomicInteger();

    public FakeTool(String name, Duration timeout, Behaviour behaviour) {
        this.spec = new ToolSpec(name, "a fake " + name, schema(), ToolEffect.READ_ONLY, OutputTrust.TRUSTED, timeout);
        this.behaviour = behaviour;
    }

    public FakeTool(String name, Behaviour behaviour) {
        this(name, ToolSpec.DEFAULT_TIMEOUT, behaviour);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) throws Exception {
        calls.incrementAndGet();
        return behaviour.run(context);
    }

    public int calls() {
        return calls.get();
    }

    public ToolResult runThrough(ToolChain chain, ToolContext context) throws Exception {
        return chain.execute(this, call(), context);
    }

    /** Runs this tool through a chain of {@code interceptor} alone, in {@code slot}. */
    public ToolResult runThrough(ToolChain.Slot slot, ToolInterceptor interceptor, ToolContext context)
            throws Exception {
        return runThrough(ToolChain.builder().add(slot, interceptor).build(), context);
    }

    public ToolCall call() {
        return new ToolCall("toolu_1", spec.name(), Json.mapper().createObjectNode());
    }

    public static ToolContext context(Deadline deadline) {
        return new ToolContext(Fixtures.RUN, "default", "user_1", 1, deadline, Cancellation.NEVER, "toolu_1");
    }

    public static ToolContext context(InstantSource clock) {
        return context(Deadline.none(clock));
    }

    private static ObjectNode schema() {
        var schema = Json.mapper().createObjectNode();
        schema.put("type", "object");
        return schema;
    }
}
