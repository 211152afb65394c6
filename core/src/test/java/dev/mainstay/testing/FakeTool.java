package dev.mainstay.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tool whose behaviour a test supplies. Counts and records its calls. Thread-safe. */
public final class FakeTool implements Tool {
    /** What the tool does with an input. */
    @FunctionalInterface
    public interface Behaviour {
        ToolResult run(ObjectNode input, ToolContext context) throws Exception;
    }

    /** What the tool says about a call whose outcome a crashed run did not record. */
    @FunctionalInterface
    public interface Reconciler {
        dev.mainstay.tool.Reconciliation reconcile(ObjectNode input, ToolContext context) throws Exception;
    }

    private final ToolSpec spec;
    private final Behaviour behaviour;
    private volatile Reconciler reconciler;
    private final List<String> reconciled = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<ObjectNode> inputs = new CopyOnWriteArrayList<>();

    public FakeTool(ToolSpec spec, Behaviour behaviour) {
        this.spec = spec;
        this.behaviour = behaviour;
    }

    /** A tool taking {@code {"text": string}} (required) that answers with {@code behaviour}. */
    public static FakeTool named(String name, ToolEffect effect, Behaviour behaviour) {
        var schema = Json.parseObject("""
                {"type":"object","properties":{"text":{"type":"string"}},"required":["text"],
                 "additionalProperties":false}""");
        return new FakeTool(new ToolSpec(name, "test tool " + name, schema, effect, OutputTrust.TRUSTED,
                Duration.ofSeconds(30)), behaviour);
    }

    public static FakeTool echo(String name) {
        return named(name, ToolEffect.READ_ONLY, (in, ctx) -> ToolResult.ok(name + ":" + in.path("text").asText()));
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) throws Exception {
        calls.incrementAndGet();
        inputs.add(input);
        return behaviour.run(input, context);
    }

    /** This tool, answering reconciliations with {@code answer}. */
    public FakeTool reconcilingWith(Reconciler answer) {
        this.reconciler = answer;
        return this;
    }

    @Override
    public dev.mainstay.tool.Reconciliation reconcile(ObjectNode input, ToolContext context) throws Exception {
        reconciled.add(context.idempotencyKey());
        return reconciler == null ? Tool.super.reconcile(input, context) : reconciler.reconcile(input, context);
    }

    /** The idempotency keys of the calls this tool was asked to reconcile. */
    public List<String> reconciled() {
        return List.copyOf(reconciled);
    }

    public int calls() {
        return calls.get();
    }

    public List<ObjectNode> inputs() {
        return List.copyOf(inputs);
    }
}
