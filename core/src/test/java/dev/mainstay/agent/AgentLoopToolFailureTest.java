package dev.mainstay.agent;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.RecordingListener;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolExecution;
import dev.mainstay.tool.Toolbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tool that throws is a broken tool, whatever it throws — an exception or an {@link Error} such as a stack
 * overflow or a failed assertion: the model is told, the run goes on. Only the JVM's own failures go on up.
 */
class AgentLoopToolFailureTest {
    private final ScriptedModel model = new ScriptedModel();
    private final RecordingListener listener = new RecordingListener();

    private static AgentSpec agent(FakeTool tool) {
        return new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(tool), RunLimits.DEFAULTS, false, false);
    }

    private static RunRequest task() {
        return new RunRequest("run_f", "default", "user_1", "do it");
    }

    private static FakeTool throwing(String name, ToolExecution execution, FakeTool.Behaviour behaviour) {
        var tool = FakeTool.named(name, ToolEffect.READ_ONLY, behaviour);
        return new FakeTool(tool.spec().withExecution(execution), behaviour);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private RunResult runCalling(FakeTool tool) {
        model.then(toolUse(use("toolu_1", tool.spec().name(), Map.of("text", "x")))).then(text("answered without it"));
        return AgentLoop.builder(model).listener(listener).build().run(agent(tool), task());
    }

    private void assertToldTheModelItFailed(RunResult result, String tool, Class<? extends Throwable> thrown) {
        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(result.answer()).isEqualTo("answered without it");
        var told = (ToolResultBlock) model.requests().get(1).messages().getLast().content().getFirst();
        assertThat(told.isError()).isTrue();
        assertThat(told.content()).isEqualTo(tool + " failed unexpectedly (" + thrown.getSimpleName() + ")");
        var steps = result.steps().stream().filter(ToolStep.class::isInstance).map(ToolStep.class::cast).toList();
        assertThat(steps).singleElement().satisfies(step -> assertThat(step.error()).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("tool_exception");
            assertThat(e.message()).isEqualTo(thrown.getName());
        }));
        assertThat(listener.ofType(ToolCallFinished.class)).singleElement()
                .satisfies(f -> assertThat(f.isError()).isTrue());
    }

    @Test
    void anInlineToolThatOverflowsItsStackIsRecordedAsAToolExceptionAndTheRunGoesOn() {
        var tool = throwing("deep", ToolExecution.INLINE, (in, ctx) -> {
            recurse(0);
            return null;
        });

        assertToldTheModelItFailed(runCalling(tool), "deep", StackOverflowError.class);
    }

    @Test
    void aConcurrentToolThatOverflowsItsStackIsRecordedAsAToolExceptionAndTheRunGoesOn() {
        var tool = throwing("deep", ToolExecution.CONCURRENT, (in, ctx) -> {
            recurse(0);
            return null;
        });

        assertToldTheModelItFailed(runCalling(tool), "deep", StackOverflowError.class);
    }

    @Test
    void aToolThatFailsAnAssertionIsRecordedAsAToolExceptionWithoutItsMessage() {
        var tool = throwing("checked", ToolExecution.CONCURRENT, (in, ctx) -> {
            throw new AssertionError("token sk-secret-123 was rejected");
        });

        var result = runCalling(tool);

        assertToldTheModelItFailed(result, "checked", AssertionError.class);
        assertThat(model.requests().get(1).toString()).doesNotContain("sk-secret-123");
    }

    @Test
    void aToolWhoseClassCannotBeInitialisedIsRecordedAsAToolException() {
        var tool = throwing("broken", ToolExecution.INLINE, (in, ctx) -> {
            throw new ExceptionInInitializerError("static init failed");
        });

        assertToldTheModelItFailed(runCalling(tool), "broken", ExceptionInInitializerError.class);
    }

    @Test
    void anInlineToolRunningOutOfMemoryEndsTheRunsExecutionWithTheError() {
        var tool = throwing("hungry", ToolExecution.INLINE, (in, ctx) -> {
            throw new OutOfMemoryError("simulated");
        });
        model.then(toolUse(use("toolu_1", "hungry", Map.of("text", "x")))).then(text("never"));
        var loop = AgentLoop.builder(model).build();

        assertThatThrownBy(() -> loop.run(agent(tool), task())).isInstanceOf(OutOfMemoryError.class);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void aConcurrentToolRunningOutOfMemoryEndsTheRunsExecutionWithTheErrorAsItsCause() {
        var tool = throwing("hungry", ToolExecution.CONCURRENT, (in, ctx) -> {
            throw new OutOfMemoryError("simulated");
        });
        model.then(toolUse(use("toolu_1", "hungry", Map.of("text", "x")))).then(text("never"));
        var loop = AgentLoop.builder(model).build();

        assertThatThrownBy(() -> loop.run(agent(tool), task())).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(model.requests()).hasSize(1);
    }
}
