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
    private static ToolStep step(String toolUseId) {
        return new ToolStep(1, toolUseId, "echo", Json.object(), ToolResult.ok("x"), ToolStep.Resolution.RAN,
                Instant.EPOCH, Duration.ZERO, Optional.empty());
    }

    @Test
    void assignsEachRunItsOwnSequenceFromOne() {
        var journal = new InMemoryJournal();

        assertThat(journal.append(Fence.first("r"), step("toolu_a"))).isEqualTo(1);
        assertThat(journal.append(Fence.first("r"), step("toolu_b"))).isEqualTo(2);
        assertThat(journal.append(Fence.first("other"), step("toolu_a"))).isEqualTo(1);

        assertThat(journal.read("r")).extracting(Recorded::seq).containsExactly(1L, 2L);
        assertThat(journal.read("unknown")).isEmpty();
    }

    @Test
    void anAppendUnderAStaleEpochIsRefusedAndWritesNothing() {
        var journal = new InMemoryJournal();
        var first = journal.claim("r");
        journal.append(first, step("toolu_a"));
        var second = journal.claim("r");

        assertThatThrownBy(() -> journal.append(first, step("toolu_b")))
                .isInstanceOfSatisfying(FencedOutException.class, e -> {
                    assertThat(e.currentEpoch()).isEqualTo(2);
                    assertThat(e.fence()).isEqualTo(first);
                });
        assertThat(journal.read("r")).hasSize(1);
        assertThat(journal.append(second, step("toolu_b"))).isEqualTo(2);
    }

    @Test
    void aWriterWithANewerEpochFencesOutTheOlderOneEvenWithoutAClaim() {
        var journal = new InMemoryJournal();
        journal.append(new Fence("r", 3), step("toolu_a"));

        assertThatThrownBy(() -> journal.append(new Fence("r", 2), step("toolu_b")))
                .isInstanceOf(FencedOutException.class);
    }

    @Test
    void forgetsTheLeastRecentlyUsedRunsBeyondItsCapacity() {
        var journal = new InMemoryJournal(2);
        journal.append(Fence.first("r1"), step("a"));
        journal.append(Fence.first("r2"), step("a"));
        journal.read("r1");
        journal.append(Fence.first("r3"), step("a"));

        assertThat(journal.runsHeld()).isEqualTo(2);
        assertThat(journal.read("r2")).isEmpty();
        assertThat(journal.read("r1")).hasSize(1);
    }

    @Test
    void rejectsASecondOutcomeForOneToolUseId() {
        var journal = new InMemoryJournal();
        journal.append(Fence.first("r"), step("toolu_1"));

        assertThatThrownBy(() -> journal.append(Fence.first("r"), step("toolu_1")))
                .isInstanceOf(IllegalStateException.class);
    }
}
