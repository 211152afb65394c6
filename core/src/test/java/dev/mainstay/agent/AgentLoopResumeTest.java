package dev.mainstay.agent;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolIntent;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.Reconciliation;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AgentLoopResumeTest {
    private final InMemoryJournal journal = new InMemoryJournal();
    private final AtomicInteger notesWritten = new AtomicInteger();
    private final FakeTool saveNote = FakeTool.named("save_note", ToolEffect.SIDE_EFFECT, (in, ctx) -> {
        notesWritten.incrementAndGet();
        return ToolResult.ok("saved");
    });
    private final AgentSpec agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(saveNote),
            RunLimits.DEFAULTS, false, false);
    private final RunRequest request = new RunRequest("run_r", "default", "user_1", "save a note");

    /** What a worker that died after writing {@code keep} of a run's journal leaves behind. */
    private InMemoryJournal crashedAfter(Predicate<JournalEntry> keep) {
        var partial = new InMemoryJournal();
        journal.read("run_r").stream().map(Recorded::entry).filter(keep)
                .forEach(e -> partial.append(Fence.first("run_r"), e));
        return partial;
    }

    private static boolean notTheEnd(JournalEntry e) {
        return !(e instanceof RunClosed) && !(e instanceof ModelStep m && m.error().isPresent());
    }

    @Test
    void aResumedRunReusesJournaledToolResultsInsteadOfRunningTheToolAgain() {
        var firstWorker = new ScriptedModel()
                .then(toolUse(use("toolu_1", "save_note", Map.of("text", "milk"))))
                .thenThrow(new IllegalStateException("worker died"));
        AgentLoop.builder(firstWorker).journal(journal).build().run(agent, request);
        assertThat(notesWritten).hasValue(1);
        var resumable = crashedAfter(AgentLoopResumeTest::notTheEnd);

        var secondWorker = new ScriptedModel().then(text("Saved your note."));
        var result = AgentLoop.builder(secondWorker).journal(resumable).build().run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(1);
        var resent = secondWorker.requests().getFirst().messages();
        assertThat(resent).hasSize(3);
        assertThat(resent.getLast().content()).containsExactly(new ToolResultBlock("toolu_1", "saved", false));
    }

    @Test
    void aResumedRunRunsOnlyTheToolCallsThatWereNotJournaled() {
        var echo = FakeTool.echo("echo");
        var withEcho = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(echo), RunLimits.DEFAULTS, false,
                false);
        var firstWorker = new ScriptedModel()
                .then(toolUse(use("toolu_1", "echo", Map.of("text", "a")), use("toolu_2", "echo", Map.of("text", "b"))))
                .thenThrow(new IllegalStateException("worker died"));
        AgentLoop.builder(firstWorker).journal(journal).build().run(withEcho, request);
        var lostSecond = crashedAfter(e -> notTheEnd(e) && !(e instanceof ToolStep t && t.toolUseId().equals("toolu_2")));

        var result = AgentLoop.builder(new ScriptedModel().then(text("done"))).journal(lostSecond).build()
                .run(withEcho, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(echo.calls()).isEqualTo(3);
        assertThat(echo.inputs().getLast().path("text").asText()).isEqualTo("b");
    }

    @Test
    void aResumedRunWithAnUnknownStopReasonKeepsItsToolResults() {
        var echo = FakeTool.echo("echo");
        var withEcho = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(echo), RunLimits.DEFAULTS, false,
                false);
        var novel = new ModelResponse("msg_1", "claude-sonnet-4-5",
                List.of(use("toolu_1", "echo", Map.of("text", "a"))), StopReason.of("tool_use_v2"),
                new Usage(10, 5, 0, 0), "req_1");
        var firstWorker = new ScriptedModel().then(novel).thenThrow(new IllegalStateException("worker died"));
        AgentLoop.builder(firstWorker).journal(journal).build().run(withEcho, request);
        var resumable = crashedAfter(AgentLoopResumeTest::notTheEnd);

        var secondWorker = new ScriptedModel().then(text("done"));
        var result = AgentLoop.builder(secondWorker).journal(resumable).build().run(withEcho, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(echo.calls()).isEqualTo(1);
        assertThat(secondWorker.requests().getFirst().messages().getLast().content())
                .containsExactly(new ToolResultBlock("toolu_1", "echo:a", false));
    }

    @Test
    void aResumedRunKeepsItsOriginalDeadline() {
        var clock = new FakeClock();
        var firstWorker = new ScriptedModel()
                .then(toolUse(use("toolu_1", "save_note", Map.of("text", "milk"))))
                .thenThrow(new IllegalStateException("worker died"));
        var limited = agent.withLimits(RunLimits.DEFAULTS.withDeadline(Duration.ofSeconds(10)));
        AgentLoop.builder(firstWorker).journal(journal).clock(clock).build().run(limited, request);
        var resumable = crashedAfter(AgentLoopResumeTest::notTheEnd);
        var opened = (RunOpened) resumable.read("run_r").getFirst().entry();
        clock.advance(Duration.ofSeconds(11)); // the new worker picks the run up after its deadline

        var secondWorker = new ScriptedModel().then(text("too late"));
        var result = AgentLoop.builder(secondWorker).journal(resumable).clock(clock).build().run(limited, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.DEADLINE_EXCEEDED);
        assertThat(secondWorker.requests()).isEmpty();
        assertThat(opened.deadline()).isEqualTo(opened.at().plusSeconds(10));
    }

    @Test
    void aSideEffectsIntentIsJournaledBeforeTheToolRuns() {
        var model = new ScriptedModel().then(toolUse(use("toolu_1", "save_note", Map.of("text", "milk"))))
                .then(text("done"));
        AgentLoop.builder(model).journal(journal).build().run(agent, request);

        var kinds = journal.read("run_r").stream().map(r -> r.entry().getClass().getSimpleName()).toList();
        assertThat(kinds).containsExactly("RunOpened", "ModelStep", "ToolIntent", "ToolStep", "ModelStep",
                "RunClosed");
    }

    @Test
    void aJournalEndingInAnIntentIsReconciledAsDoneWithoutRunningTheToolAgain() {
        saveNote.reconcilingWith((in, ctx) -> new Reconciliation.Done(ToolResult.ok("saved (found after restart)")));
        var resumable = crashedJustAfterTheIntent();

        var secondWorker = new ScriptedModel().then(text("Saved your note."));
        var result = AgentLoop.builder(secondWorker).journal(resumable).build().run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(0);
        assertThat(saveNote.reconciled()).containsExactly("toolu_1");
        var outcome = onlyToolStep(resumable);
        assertThat(outcome.resolution()).isEqualTo(ToolStep.Resolution.RECONCILED);
        assertThat(secondWorker.requests().getFirst().messages().getLast().content())
                .containsExactly(new ToolResultBlock("toolu_1", "saved (found after restart)", false));
    }

    @Test
    void aJournalEndingInAnIntentThatDidNotHappenRunsTheToolOnce() {
        saveNote.reconcilingWith((in, ctx) -> new Reconciliation.NotDone());
        var resumable = crashedJustAfterTheIntent();

        var result = AgentLoop.builder(new ScriptedModel().then(text("Saved."))).journal(resumable).build()
                .run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(1);
        assertThat(onlyToolStep(resumable).resolution()).isEqualTo(ToolStep.Resolution.RAN);
        assertThat(resumable.read("run_r").stream().filter(r -> r.entry() instanceof ToolIntent)).hasSize(1);
    }

    @Test
    void aJournalEndingInAnIntentTheToolCannotSettleIsRecordedUnknownAndNeverRunAgain() {
        var resumable = crashedJustAfterTheIntent(); // the default reconcile cannot tell

        var secondWorker = new ScriptedModel().then(text("I could not confirm the note."));
        var result = AgentLoop.builder(secondWorker).journal(resumable).build().run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(0);
        var outcome = onlyToolStep(resumable);
        assertThat(outcome.resolution()).isEqualTo(ToolStep.Resolution.UNKNOWN);
        assertThat(outcome.result().isError()).isTrue();
        assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("outcome_unknown"));
        var told = (ToolResultBlock) secondWorker.requests().getFirst().messages().getLast().content().getFirst();
        assertThat(told.content()).contains("unknown").contains("not run again");

        // and a third worker finds the outcome settled: nothing runs, nothing is reconciled again
        var third = AgentLoop.builder(new ScriptedModel()).journal(resumable).build().run(agent, request);
        assertThat(third.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(0);
        assertThat(saveNote.reconciled()).hasSize(1);
    }

    @Test
    void aToolWhoseReconciliationFailsAnAssertionLeavesTheOutcomeUnknownAndIsNotRunAgain() {
        saveNote.reconcilingWith((in, ctx) -> {
            throw new AssertionError("the notes index is inconsistent");
        });
        var resumable = crashedJustAfterTheIntent();

        var result = AgentLoop.builder(new ScriptedModel().then(text("I could not confirm the note.")))
                .journal(resumable).build().run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(0);
        var outcome = onlyToolStep(resumable);
        assertThat(outcome.resolution()).isEqualTo(ToolStep.Resolution.UNKNOWN);
        assertThat(outcome.error()).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("outcome_unknown");
            assertThat(e.message()).isEqualTo("save_note could not be asked (AssertionError)");
        });
    }

    @Test
    void aWorkerThatLostItsLeaseWritesNothingMoreAndStopsWithItsOwnReason() {
        var stolen = new AtomicInteger();
        var model = new ScriptedModel().then((req, ctx) -> {
            journal.claim("run_r"); // another worker claims the run while this one waits for the model
            stolen.incrementAndGet();
            return text("an answer nobody may record");
        });
        var fence = journal.claim("run_r");

        var result = AgentLoop.builder(model).journal(journal).build()
                .run(agent, request, new RunControl(fence, dev.mainstay.time.Cancellation.NEVER, 1));

        assertThat(stolen).hasValue(1);
        assertThat(result.stopReason()).isEqualTo(RunStopReason.LEASE_LOST);
        assertThat(journal.read("run_r")).extracting(r -> r.entry().getClass().getSimpleName())
                .containsExactly("RunOpened");
    }

    @Test
    void aClosedRunIsNotRunAgain() {
        AgentLoop.builder(new ScriptedModel().then(text("done"))).journal(journal).build().run(agent, request);
        var again = new ScriptedModel();

        var result = AgentLoop.builder(again).journal(journal).build().run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(result.answer()).isEqualTo("done");
        assertThat(again.requests()).isEmpty();
    }

    private InMemoryJournal crashedJustAfterTheIntent() {
        var model = new ScriptedModel().then(toolUse(use("toolu_1", "save_note", Map.of("text", "milk"))))
                .then(text("done"));
        AgentLoop.builder(model).journal(journal).build().run(agent, request);
        notesWritten.set(0);
        return crashedAfter(e -> e instanceof RunOpened || e instanceof ToolIntent
                || e instanceof ModelStep m && m.step() == 1);
    }

    private static ToolStep onlyToolStep(InMemoryJournal journal) {
        var steps = journal.read("run_r").stream().map(Recorded::entry).filter(ToolStep.class::isInstance)
                .map(ToolStep.class::cast).toList();
        assertThat(steps).hasSize(1);
        return steps.getFirst();
    }
}
