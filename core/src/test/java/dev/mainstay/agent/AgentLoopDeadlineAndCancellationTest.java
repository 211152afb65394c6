package dev.mainstay.agent;

import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunStopReason;
import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.RecordingListener;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AgentLoopDeadlineAndCancellationTest {
    private final ScriptedModel model = new ScriptedModel();
    private final RecordingListener listener = new RecordingListener();

    private static AgentSpec agent(Duration deadline, FakeTool... tools) {
        return new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(tools),
                RunLimits.DEFAULTS.withDeadline(deadline), false, false);
    }

    private static RunRequest task() {
        return new RunRequest("run_d", "default", "user_1", "do it");
    }

    @Test
    void everyModelCallGetsTheRunsDeadline() {
        var clock = new FakeClock();
        model.then(text("ok"));
        var loop = AgentLoop.builder(model).clock(clock).build();

        loop.run(agent(Duration.ofSeconds(45)), task());

        assertThat(model.contexts().getFirst().deadline().remaining()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aRunPastItsDeadlineStopsBeforeTheNextModelCall() {
        var clock = new FakeClock();
        var echo = FakeTool.echo("echo");
        model.then((r, c) -> {
            clock.advance(Duration.ofSeconds(61));
            return toolUse(use("toolu_1", "echo", Map.of("text", "x")));
        });
        var loop = AgentLoop.builder(model).clock(clock).build();

        var result = loop.run(agent(Duration.ofSeconds(60), echo), task());

        assertThat(result.stopReason()).isEqualTo(RunStopReason.DEADLINE_EXCEEDED);
        assertThat(model.requests()).hasSize(1);
        assertThat(result.steps()).isNotEmpty();
    }

    @Test
    void aModelTimeoutAtTheDeadlineEndsTheRunAsDeadlineExceeded() {
        var clock = new FakeClock();
        model.then((r, c) -> {
            clock.advance(Duration.ofSeconds(30));
            throw new ModelTimeoutException(Duration.ofSeconds(30), false, null);
        });
        var loop = AgentLoop.builder(model).clock(clock).build();

        var result = loop.run(agent(Duration.ofSeconds(30)), task());

        assertThat(result.stopReason()).isEqualTo(RunStopReason.DEADLINE_EXCEEDED);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("timeout"));
    }

    @Test
    void theDeadlineStopsASlowTool() {
        var neverReleased = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var slow = FakeTool.named("slow", ToolEffect.READ_ONLY, (in, ctx) -> {
            try {
                neverReleased.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return ToolResult.ok("too late");
        });
        model.then(toolUse(use("toolu_1", "slow", Map.of("text", "x"))));
        var loop = AgentLoop.builder(model).listener(listener).build();

        var result = loop.run(agent(Duration.ofMillis(300), slow), task());

        assertThat(result.stopReason()).isEqualTo(RunStopReason.DEADLINE_EXCEEDED);
        assertThat(model.requests()).hasSize(1);
        org.awaitility.Awaitility.await().until(() -> interrupted.getCount() == 0);
        org.awaitility.Awaitility.await().until(() -> !listener.ofType(ToolCallFinished.class).isEmpty());
    }

    @Test
    void cancellingARunStopsItsToolsAndEndsItAsCancelled() throws Exception {
        var toolStarted = new CountDownLatch(1);
        var blocked = FakeTool.named("blocked", ToolEffect.READ_ONLY, (in, ctx) -> {
            toolStarted.countDown();
            new CountDownLatch(1).await();
            return ToolResult.ok("never");
        });
        model.then(toolUse(use("toolu_1", "blocked", Map.of("text", "x"))));
        var loop = AgentLoop.builder(model).build();
        var cancellation = new CancellationSource();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var run = executor.submit(() -> loop.run(agent(Duration.ofMinutes(5), blocked), task(), cancellation));
            toolStarted.await();
            cancellation.cancel();

            assertThat(run.get().stopReason()).isEqualTo(RunStopReason.CANCELLED);
        }
    }

    @Test
    void aRunCancelledBeforeItStartsMakesNoModelCall() {
        var cancellation = new CancellationSource();
        cancellation.cancel();

        var result = AgentLoop.builder(model).build().run(agent(Duration.ofMinutes(1)), task(), cancellation);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.CANCELLED);
        assertThat(model.requests()).isEmpty();
    }
}
