package dev.mainstay.agent;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Refusal;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.RecordingListener;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run leaves behind: a faithful journal and a gapless, ordered event sequence. */
class AgentLoopRecordTest {
    private final InMemoryJournal journal = new InMemoryJournal();
    private final RecordingListener listener = new RecordingListener();
    private final RunRequest request = new RunRequest("run_x", "acme", "ada", "do it");

    private static AgentSpec agent(FakeTool... tools) {
        return new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(tools), RunLimits.DEFAULTS, false, false);
    }

    @Test
    void aToolThatChangesItsInputDoesNotChangeTheJournal() {
        var vandal = FakeTool.named("vandal", ToolEffect.SIDE_EFFECT, (in, ctx) -> {
            in.put("text", "rewritten by the tool");
            in.put("extra", true);
            return ToolResult.ok("done");
        });
        var model = new ScriptedModel().then(toolUse(use("toolu_1", "vandal", Map.of("text", "as the model wrote it"))))
                .then(text("ok"));

        AgentLoop.builder(model).journal(journal).build().run(agent(vandal), request);

        var entries = journal.read("run_x").stream().map(Recorded::entry).toList();
        var asked = entries.stream().filter(ModelStep.class::isInstance).map(ModelStep.class::cast).findFirst()
                .orElseThrow().response().orElseThrow().toolUses().getFirst().input();
        var recorded = entries.stream().filter(ToolStep.class::isInstance).map(ToolStep.class::cast).findFirst()
                .orElseThrow().input();
        assertThat(asked.path("text").asText()).isEqualTo("as the model wrote it");
        assertThat(asked.has("extra")).isFalse();
        assertThat(recorded.path("text").asText()).isEqualTo("as the model wrote it");
        var resent = dev.mainstay.model.ContentBlocks.toolUses(model.requests().get(1).messages().get(1).content());
        assertThat(resent.getFirst().input().path("text").asText()).isEqualTo("as the model wrote it");
    }

    @Test
    void aNewRunJournalsItsOpeningAndItsPlanInOneAppend() {
        var appends = new java.util.ArrayList<List<String>>();
        var counting = new dev.mainstay.journal.Journal() {
            @Override
            public long append(dev.mainstay.journal.Fence fence, dev.mainstay.journal.JournalEntry entry) {
                return appendAll(fence, List.of(entry));
            }

            @Override
            public long appendAll(dev.mainstay.journal.Fence fence,
                    List<? extends dev.mainstay.journal.JournalEntry> entries) {
                appends.add(entries.stream().map(e -> e.getClass().getSimpleName()).toList());
                return journal.appendAll(fence, entries);
            }

            @Override
            public List<Recorded> read(String runId) {
                return journal.read(runId);
            }
        };
        var secured = agent().withSecurity(dev.mainstay.policy.AgentPolicy.builder().build());

        AgentLoop.builder(new ScriptedModel().then(text("done"))).journal(counting).build().run(secured, request);

        assertThat(appends.getFirst()).containsExactly("RunOpened", "PlanFixed");
        assertThat(journal.read("run_x").stream().map(r -> r.entry().getClass().getSimpleName()).toList())
                .startsWith("RunOpened", "PlanFixed", "ModelStep");
    }

    @Test
    void everyEventCarriesItsRunTenantAndAGaplessSequence() {
        var echo = FakeTool.echo("echo");
        var model = new ScriptedModel().then(toolUse(use("toolu_1", "echo", Map.of("text", "a")),
                use("toolu_2", "echo", Map.of("text", "b")))).then(text("done"));

        AgentLoop.builder(model).listener(listener).build().run(agent(echo), request);

        var events = listener.events();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.runId()).isEqualTo("run_x");
            assertThat(e.tenantId()).isEqualTo("acme");
            assertThat(e.at()).isNotNull();
        });
        assertThat(events).extracting(RunEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.getFirst()).isInstanceOf(RunStarted.class);
        assertThat(events.getLast()).isInstanceOf(RunFinished.class);
        assertThat(listener.ofType(ToolCallStarted.class)).hasSize(2);
    }

    @Test
    void aResumedRunsEventsContinueTheSequenceTheCallerGives() {
        var model = new ScriptedModel().then(text("done"));

        AgentLoop.builder(model).listener(listener).build().run(agent(), request,
                new RunControl(dev.mainstay.journal.Fence.first("run_x"), dev.mainstay.time.Cancellation.NEVER, 41));

        assertThat(listener.events().getFirst().seq()).isEqualTo(41);
    }

    @Test
    void aRunInAConversationSendsTheHistoryBeforeItsTask() {
        var model = new ScriptedModel().then(text("Porto: 16 °C."));
        var history = List.of(dev.mainstay.model.Message.user("Weather in Lisbon?"),
                dev.mainstay.model.Message.assistant(List.of(new dev.mainstay.model.TextBlock("Lisbon: 18 °C."))));
        var inConversation = new RunRequest("run_c", "acme", "ada", "And Porto?", "conv_1", history);

        AgentLoop.builder(model).journal(journal).build().run(agent(), inConversation);

        assertThat(model.requests().getFirst().messages()).extracting(dev.mainstay.model.Message::text)
                .containsExactly("Weather in Lisbon?", "Lisbon: 18 °C.", "And Porto?");
        var opened = (dev.mainstay.journal.RunOpened) journal.read("run_c").getFirst().entry();
        assertThat(opened.request().history()).isEqualTo(history);
    }

    @Test
    void everyEventHasOneJsonFormNamedByItsType() {
        var model = new ScriptedModel().then(text("done"));
        AgentLoop.builder(model).listener(listener).build().run(agent(), request);

        var json = listener.events().stream().map(dev.mainstay.event.EventCodec::toJson).toList();

        assertThat(json).extracting(n -> n.path("type").asText())
                .containsExactly("run_started", "model_call_started", "model_call_finished", "run_finished");
        assertThat(json).allSatisfy(n -> assertThat(n.path("run_id").asText()).isEqualTo("run_x"));
        assertThat(json.getLast().path("stop_reason").asText()).isEqualTo("completed");
    }

    @Test
    void aFailedRunsLastEventCarriesTheError() {
        var model = new ScriptedModel().thenThrow(new dev.mainstay.model.ModelApiException(400,
                dev.mainstay.model.ApiErrorType.INVALID_REQUEST, "bad request", dev.mainstay.model.ResponseHeaders.EMPTY,
                "req_9", false, false));

        AgentLoop.builder(model).listener(listener).build().run(agent(), request);

        var finished = listener.ofType(RunFinished.class).getFirst();
        assertThat(finished.stopReason()).isEqualTo(RunStopReason.FAILED);
        assertThat(finished.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("invalid_request_error"));
    }

    @Test
    void aBudgetRefusalEndsTheRunAsBudgetExceededWithItsJournalIntact() {
        var model = new ScriptedModel().then(text("never sent"));
        var budget = (dev.mainstay.model.ModelInterceptor) chain -> new ModelOutcome.Refused(new Refusal("budget",
                "budget_exceeded", "the tenant's daily budget is spent", Refusal.Scope.BUDGET, ""));
        var chain = ModelChain.builder(List.of(new dev.mainstay.model.ModelEndpoint("scripted", "", model)),
                PriceTable.anthropicDefaults()).add(ModelChain.Slot.BUDGET, budget).build();

        var result = AgentLoop.builder(chain).journal(journal).listener(listener).build().run(agent(), request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.BUDGET_EXCEEDED);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("budget_exceeded"));
        assertThat(model.requests()).isEmpty();
        assertThat(listener.ofType(ModelCallFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.errorCode()).isEqualTo("budget_exceeded"));
        var last = journal.read("run_x").getLast().entry();
        assertThat(last).isInstanceOfSatisfying(RunClosed.class,
                c -> assertThat(c.reason()).isEqualTo(RunStopReason.BUDGET_EXCEEDED));
    }

    @Test
    void aPolicyRefusalEndsTheRunAsPolicyDenied() {
        var model = new ScriptedModel();
        var policy = (dev.mainstay.model.ModelInterceptor) chain -> new ModelOutcome.Refused(new Refusal("policy",
                "policy_denied", "not allowed", Refusal.Scope.POLICY, ""));
        var chain = ModelChain.builder(List.of(new dev.mainstay.model.ModelEndpoint("scripted", "", model)),
                PriceTable.anthropicDefaults()).add(ModelChain.Slot.ROUTING, policy).build();

        var result = AgentLoop.builder(chain).build().run(agent(), request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.POLICY_DENIED);
    }
}
