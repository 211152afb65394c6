package dev.mainstay.agent;

import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunStopReason;
import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.RecordingListener;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.SchemaValidationInterceptor;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolChain;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AgentLoopTest {
    private final ScriptedModel model = new ScriptedModel();
    private final RecordingListener listener = new RecordingListener();

    private AgentLoop loop() {
        return AgentLoop.builder(model)
                .tools(ToolChain.builder().add(ToolChain.Slot.VALIDATION, new SchemaValidationInterceptor()).build())
                .listener(listener)
                .build();
    }

    private static AgentSpec agent(FakeTool... tools) {
        return new AgentSpec("test", "You are a test agent.", "claude-sonnet-4-5", Toolbox.of(tools),
                RunLimits.DEFAULTS, false, false);
    }

    private static RunRequest task(String text) {
        return new RunRequest("run_1", "default", "user_1", text);
    }

    @Test
    void completesWhenTheModelEndsItsTurn() {
        model.then(text("Hello there."));

        var result = loop().run(agent(), task("hi"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(result.answer()).isEqualTo("Hello there.");
        assertThat(result.steps()).hasSize(1).first().isInstanceOf(ModelStep.class);
        assertThat(model.requests().getFirst().messages().getFirst().text()).isEqualTo("hi");
    }

    @Test
    void feedsToolResultsBackAndSumsUsageAndCost() {
        var echo = FakeTool.echo("echo");
        model.then(toolUse(use("toolu_1", "echo", Map.of("text", "a")))).then(text("done"));

        var result = loop().run(agent(echo), task("use echo"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        var second = model.requests().get(1);
        var results = second.messages().getLast().content();
        assertThat(results).containsExactly(new ToolResultBlock("toolu_1", "echo:a", false));
        assertThat(result.usage().inputTokens()).isEqualTo(220);
        assertThat(result.usage().outputTokens()).isEqualTo(60);
        // Sonnet: 220 * $3/M + 60 * $15/M = 0.00066 + 0.0009
        assertThat(result.cost().usd().orElseThrow()).isEqualByComparingTo(new BigDecimal("0.00156"));
        assertThat(result.steps()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ModelStep", "ToolStep", "ModelStep");
    }

    @Test
    void runsSeveralToolCallsConcurrentlyAndKeepsTheModelsOrder() {
        var bothRunning = new CountDownLatch(2);
        FakeTool.Behaviour waitForTheOther = (in, ctx) -> {
            bothRunning.countDown();
            bothRunning.await();
            return ToolResult.ok("result " + in.path("text").asText());
        };
        var slow = FakeTool.named("slow", ToolEffect.READ_ONLY, waitForTheOther);
        var fast = FakeTool.named("fast", ToolEffect.READ_ONLY, waitForTheOther);
        model.then(toolUse(use("toolu_a", "slow", Map.of("text", "1")), use("toolu_b", "fast", Map.of("text", "2"))))
                .then(text("both done"));

        var result = loop().run(agent(slow, fast), task("do both"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(model.requests().get(1).messages().getLast().content()).containsExactly(
                new ToolResultBlock("toolu_a", "result 1", false), new ToolResultBlock("toolu_b", "result 2", false));
    }

    @Test
    void aFailingToolBecomesAnErrorResultTheModelSees() {
        var broken = FakeTool.named("broken", ToolEffect.READ_ONLY, (in, ctx) -> {
            throw new IllegalStateException("secret-token-123 leaked?");
        });
        model.then(toolUse(use("toolu_1", "broken", Map.of("text", "x")))).then(text("sorry, it failed"));

        var result = loop().run(agent(broken), task("try it"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        var sent = (ToolResultBlock) model.requests().get(1).messages().getLast().content().getFirst();
        assertThat(sent.isError()).isTrue();
        assertThat(sent.content()).contains("broken failed").doesNotContain("secret-token-123");
        var step = (ToolStep) result.steps().get(1);
        assertThat(step.error()).isPresent();
    }

    @Test
    void invalidToolInputIsRejectedBeforeTheToolRuns() {
        var echo = FakeTool.echo("echo");
        model.then(toolUse(use("toolu_1", "echo", Map.of("wrong", 1)))).then(text("ok"));

        loop().run(agent(echo), task("bad input"));

        assertThat(echo.calls()).isZero();
        var sent = (ToolResultBlock) model.requests().get(1).messages().getLast().content().getFirst();
        assertThat(sent.isError()).isTrue();
        assertThat(sent.content()).startsWith("invalid input for echo:").contains("text");
    }

    @Test
    void anUnknownToolIsReportedToTheModel() {
        model.then(toolUse(use("toolu_1", "teleport", Map.of()))).then(text("ok"));

        loop().run(agent(FakeTool.echo("echo")), task("teleport me"));

        var sent = (ToolResultBlock) model.requests().get(1).messages().getLast().content().getFirst();
        assertThat(sent.isError()).isTrue();
        assertThat(sent.content()).contains("unknown tool 'teleport'").contains("echo");
    }

    @Test
    void stopsAtTheStepLimit() {
        var echo = FakeTool.echo("echo");
        model.otherwise((r, c) -> toolUse(use("toolu_" + c.step(), "echo", Map.of("text", "again"))));

        var result = loop().run(agent(echo).withLimits(RunLimits.DEFAULTS.withMaxSteps(3)), task("loop forever"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.MAX_STEPS);
        assertThat(model.requests()).hasSize(3);
        assertThat(echo.calls()).isEqualTo(3);
    }

    @Test
    void endsWithMaxTokensWhenTheModelIsCutOff() {
        model.then(ScriptedModel.withStop("a long answer that", StopReason.MAX_TOKENS));

        var result = loop().run(agent(), task("write an essay"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.MAX_TOKENS);
        assertThat(result.answer()).isEqualTo("a long answer that");
    }

    @Test
    void endsWithRefusalWhenTheModelRefuses() {
        model.then(ScriptedModel.withStop("I can't help with that.", StopReason.REFUSAL));

        assertThat(loop().run(agent(), task("something bad")).stopReason()).isEqualTo(RunStopReason.REFUSAL);
    }

    @Test
    void passesTheOutputTokenLimitToEveryCall() {
        model.then(text("ok"));

        loop().run(agent().withLimits(RunLimits.DEFAULTS.withMaxOutputTokens(77)), task("short"));

        assertThat(model.requests().getFirst().maxTokens()).isEqualTo(77);
    }

    @Test
    void aFailedModelCallEndsTheRunAsFailedWithItsErrorJournaled() {
        model.thenThrow(new ModelApiException(401, ApiErrorType.AUTHENTICATION, "invalid x-api-key",
                ResponseHeaders.EMPTY, "req_1", false, false));

        var result = loop().run(agent(), task("hi"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.FAILED);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("authentication_error"));
        assertThat(((ModelStep) result.steps().getFirst()).error()).isPresent();
        assertThat(listener.ofType(ModelCallFailed.class)).hasSize(1);
    }

    @Test
    void publishesPairedEventsForEveryCall() {
        var echo = FakeTool.echo("echo");
        model.then(toolUse(use("toolu_1", "echo", Map.of("text", "a")), use("toolu_2", "echo", Map.of("text", "b"))))
                .then(text("done"));

        loop().run(agent(echo), task("go"));

        assertThat(listener.ofType(RunStarted.class)).hasSize(1);
        assertThat(listener.ofType(ModelCallStarted.class)).hasSize(2);
        assertThat(listener.ofType(ModelCallFinished.class)).hasSize(2);
        assertThat(listener.ofType(ToolCallStarted.class)).extracting(ToolCallStarted::toolUseId)
                .containsExactlyInAnyOrder("toolu_1", "toolu_2");
        assertThat(listener.ofType(ToolCallFinished.class)).extracting(ToolCallFinished::toolUseId)
                .containsExactlyInAnyOrder("toolu_1", "toolu_2");
        assertThat(listener.events().getLast()).isInstanceOf(RunFinished.class);
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheRun() {
        model.then(text("fine"));
        var loop = AgentLoop.builder(model).listener(e -> {
            throw new IllegalStateException("listener bug");
        }).build();

        assertThat(loop.run(agent(), task("hi")).stopReason()).isEqualTo(RunStopReason.COMPLETED);
    }

    @Test
    void theRunIdIsInTheLoggingContextOfEveryThreadWorkingForTheRun() {
        var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var tool = FakeTool.named("probe", ToolEffect.READ_ONLY, (in, ctx) -> {
            seen.add(org.slf4j.MDC.get(AgentLoop.RUN_ID_MDC_KEY));
            return ToolResult.ok("ok");
        });
        model.then((r, c) -> {
            seen.add(org.slf4j.MDC.get(AgentLoop.RUN_ID_MDC_KEY));
            return toolUse(use("toolu_1", "probe", Map.of("text", "x")));
        }).then(text("done"));

        loop().run(agent(tool), task("probe"));

        assertThat(seen).containsExactly("run_1", "run_1");
        assertThat(org.slf4j.MDC.get(AgentLoop.RUN_ID_MDC_KEY)).isNull();
    }

    private static ModelApiException brokenStreamAfterDelivery() {
        return new ModelApiException(200, ApiErrorType.OVERLOADED, "Overloaded", ResponseHeaders.EMPTY, "req_s",
                true, true);
    }

    @Test
    void aStreamThatBreaksAfterDeliveringTextIsCalledAgainOnceAsANewStep() {
        model.then((r, c) -> {
            c.observer().onTextDelta(0, "The ans");
            throw brokenStreamAfterDelivery();
        }).then(text("The answer is 4."));

        var result = loop().run(agent().withStream(true), task("what is 2+2"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(result.answer()).isEqualTo("The answer is 4.");
        assertThat(listener.ofType(ModelCallFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.contentDelivered()).isTrue());
        assertThat(((ModelStep) result.steps().getFirst()).error()).isPresent();
    }

    @Test
    void aStreamThatKeepsBreakingAfterDeliveryEndsTheRunAsFailed() {
        model.otherwise((r, c) -> {
            c.observer().onTextDelta(0, "The ans");
            throw brokenStreamAfterDelivery();
        });

        var result = loop().run(agent().withStream(true), task("what is 2+2"));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.FAILED);
        assertThat(model.requests()).hasSize(1 + RunLimits.DEFAULT_MAX_STREAM_RESTARTS);
    }

    @Test
    void aRunExecutesOnItsCallersThreadWithNoHandOff() {
        var modelThread = new java.util.concurrent.atomic.AtomicReference<Thread>();
        model.then((r, c) -> {
            modelThread.set(Thread.currentThread());
            return text("ok");
        });

        var result = loop().run(agent(), task("hi"));

        assertThat(modelThread.get()).isSameAs(Thread.currentThread());
        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
    }
}
