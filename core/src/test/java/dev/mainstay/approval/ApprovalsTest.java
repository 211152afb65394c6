package dev.mainstay.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.json.Json;
import dev.mainstay.policy.Verdict;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApprovalsTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final InMemoryJournal journal = new InMemoryJournal();
    private final Fence fence = Fence.first("run_1");

    private void awaiting(String... toolUseIds) {
        journal.append(fence, new RunOpened(new RunRequest("run_1", "default", "ada", "task"), "a", "m",
                RunLimits.DEFAULTS, AT.plusSeconds(60), AT));
        for (var id : toolUseIds) {
            journal.append(fence, new PolicyDecision(1, id, "send_message", Json.parseObject("{\"to\":\"b@x.org\"}"),
                    new Verdict.NeedsApproval("unplanned_side_effect", "why"), AT));
        }
    }

    @Test
    void pendingListsTheCallsAwaitingAPersonInOrderUntilDecided() {
        awaiting("toolu_1", "toolu_2");

        Approvals.decide(journal, fence, ApprovalDecision.deny("toolu_1", "ada", ""), new FakeClock());

        assertThat(Approvals.pending(journal, "run_1")).extracting(PendingApproval::toolUseId)
                .containsExactly("toolu_2");
    }

    @Test
    void aClosedRunHasNothingPending() {
        awaiting("toolu_1");
        journal.append(fence, new RunClosed(RunStopReason.CANCELLED, Optional.empty(), AT));

        assertThat(Approvals.pending(journal, "run_1")).isEmpty();
        assertThat(Approvals.decide(journal, fence, ApprovalDecision.approve("toolu_1", "ada"), new FakeClock()))
                .isInstanceOf(ApprovalOutcome.NotPending.class);
    }

    @Test
    void ofRacingDecisionsOnOneCallExactlyOneIsJournaled() throws Exception {
        awaiting("toolu_1");
        var start = new CountDownLatch(1);
        var outcomes = new ArrayList<Future<ApprovalOutcome>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                var by = "person_" + i;
                outcomes.add(pool.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return Approvals.decide(journal, fence, ApprovalDecision.approve("toolu_1", by), new FakeClock());
                }));
            }
            start.countDown();
            var recorded = 0;
            for (var outcome : outcomes) {
                if (outcome.get(10, TimeUnit.SECONDS) instanceof ApprovalOutcome.Recorded) {
                    recorded++;
                }
            }
            assertThat(recorded).isEqualTo(1);
        }
        assertThat(journal.read("run_1").stream().filter(r -> r.entry() instanceof ApprovalDecided)).hasSize(1);
    }

    @Test
    void theJournalRefusesASecondDecisionForTheSameCall() {
        awaiting("toolu_1");
        journal.append(fence, new ApprovalDecided("toolu_1", true, "ada", "", AT));

        assertThatThrownBy(() -> journal.append(fence, new ApprovalDecided("toolu_1", false, "eve", "", AT)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDecisionNamesWhoGaveIt() {
        assertThatThrownBy(() -> ApprovalDecision.approve("toolu_1", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
