package dev.mainstay.agent;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void aResumedRunReusesJournaledToolResultsInsteadOfRunningTheToolAgain() {
        var firstWorker = new ScriptedModel()
                .then(toolUse(use("toolu_1", "save_note", Map.of("text", "milk"))))
                .thenThrow(new IllegalStateException("worker died"));
        AgentLoop.builder(firstWorker).journal(journal).build().run(agent, request);
        assertThat(notesWritten).hasValue(1);

        var secondWorker = new ScriptedModel().then(text("Saved your note."));
        var result = AgentLoop.builder(secondWorker).journal(journal).build().run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(1);
        var resent = secondWorker.requests().getFirst().messages();
        assertThat(resent).hasSize(3);
        assertThat(resent.getLast().content()).containsExactly(new ToolResultBlock("toolu_1", "saved", false));
    }

    @Test
    void aResumedRunRunsOnlyTheToolCallsThatWereNotJournaled() {
        var firstWorker = new ScriptedModel()
                .then(toolUse(use("toolu_1", "save_note", Map.of("text", "a")),
                        use("toolu_2", "save_note", Map.of("text", "b"))))
                .thenThrow(new IllegalStateException("worker died"));
        AgentLoop.builder(firstWorker).journal(journal).build().run(agent, request);
        // simulate a crash that lost toolu_2's result: a fresh journal holding the model step and toolu_1 only
        var partial = new InMemoryJournal();
        journal.read("run_r").stream()
                .filter(e -> !(e instanceof ToolStep t && t.toolUseId().equals("toolu_2")))
                .filter(e -> !(e instanceof dev.mainstay.journal.ModelStep m && m.error().isPresent()))
                .forEach(e -> {
                    partial.nextSeq("run_r");
                    partial.append(e);
                });
        notesWritten.set(0);

        var result = AgentLoop.builder(new ScriptedModel().then(text("done"))).journal(partial).build()
                .run(agent, request);

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(notesWritten).hasValue(1);
        assertThat(saveNote.inputs().getLast().path("text").asText()).isEqualTo("b");
    }

    @Test
    void theJournalRecordsAToolUseIdOnlyOnce() {
        var step = new ToolStep("run_r", 1, 1, "toolu_1", "save_note", ScriptedModel.use("x", "y", Map.of()).input(),
                ToolResult.ok("saved"), Instant.EPOCH, Duration.ZERO, Optional.empty());
        journal.append(step);

        assertThatThrownBy(() -> journal.append(step)).isInstanceOf(IllegalStateException.class);
    }
}
