package dev.mainstay.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryJournalTest {
    private static ToolStep step(String runId, int seq, String toolUseId) {
        return new ToolStep(runId, seq, 1, toolUseId, "echo", Json.object(), ToolResult.ok("x"), Instant.EPOCH,
                Duration.ZERO, Optional.empty());
    }

    @Test
    void readsARunsEntriesInSequenceOrder() {
        var journal = new InMemoryJournal();
        journal.append(step("r", 2, "toolu_b"));
        journal.append(step("r", 1, "toolu_a"));

        assertThat(journal.read("r")).extracting(JournalEntry::seq).containsExactly(1, 2);
        assertThat(journal.findToolStep("r", "toolu_b")).isPresent();
        assertThat(journal.read("unknown")).isEmpty();
    }

    @Test
    void forgetsTheLeastRecentlyUsedRunsBeyondItsCapacity() {
        var journal = new InMemoryJournal(2);
        journal.append(step("r1", 1, "a"));
        journal.append(step("r2", 1, "a"));
        journal.read("r1");
        journal.append(step("r3", 1, "a"));

        assertThat(journal.runsHeld()).isEqualTo(2);
        assertThat(journal.read("r2")).isEmpty();
        assertThat(journal.read("r1")).hasSize(1);
    }

    @Test
    void rejectsASecondResultForOneToolUseId() {
        var journal = new InMemoryJournal();
        journal.append(step("r", 1, "toolu_1"));

        assertThatThrownBy(() -> journal.append(step("r", 2, "toolu_1"))).isInstanceOf(IllegalStateException.class);
    }
}
