package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ApprovalDecided;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.Recorded;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run paused awaiting a person's approval: parked (not finished, not claimable), claimed by the node that journals
 * the decision, queued again for a worker — and the node that wrote each journal entry.
 */
@BothDatabases
class PausedRunStoreTest extends StoreTest {

    static RunEnd paused() {
        return new RunEnd(RunStopReason.AWAITING_APPROVAL, "", Optional.empty(), new Usage(10, 2, 0, 0), Cost.ZERO,
                clock.instant());
    }

    static ApprovalDecided approved(String toolUseId) {
        return new ApprovalDecided(toolUseId, true, "user:alice", "", clock.instant());
    }

    /** A run of a new tenant, run once by {@code w1} and paused awaiting approval. */
    private RunRecord pausedRun() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        store.journal().append(claim.fence(), Entries.opened(run.id()));
        store.queue().finish(claim.fence(), paused());
        return run(acme.id(), run.id());
    }

    @Test
    void aPausedRunIsParkedNotFinishedAndNoWorkerClaimsIt() {
        var run = pausedRun();

        assertThat(run.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(run.status().isFinished()).isFalse();
        assertThat(run.stopReason()).contains(RunStopReason.AWAITING_APPROVAL);
        assertThat(run.finishedAt()).isEmpty();
        assertThat(run.leaseOwner()).isEmpty();
        clock.advance(LEASE.multipliedBy(3));
        assertThat(tryClaim("w2")).isEmpty();
    }

    @Test
    void theApprovingNodeClaimsThePausedRunUnderANewEpochAndReleasingItQueuesItForAWorker() {
        var run = pausedRun();

        var approval = store.queue().claimPaused(run.tenantId(), run.id(), "api-1", clock.instant(), LEASE)
                .orElseThrow();
        assertThat(approval.fence().epoch()).isEqualTo(2);
        assertThat(approval.run().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(approval.run().leaseOwner()).contains("api-1");
        assertThat(approval.run().stopReason()).isEmpty();
        assertThat(approval.run().attempts()).as("no execution happened under it").isEqualTo(1);
        store.journal().append(approval.fence(), approved("toolu_1"));
        store.queue().release(approval.fence(), clock.instant());
        assertThat(run(run.tenantId(), run.id()).status()).isEqualTo(RunStatus.QUEUED);

        var resumed = claim("w2");
        assertThat(resumed.run().id()).isEqualTo(run.id());
        assertThat(resumed.fence().epoch()).isEqualTo(3);
        assertThat(resumed.run().attempts()).isEqualTo(2);
        assertThat(store.journal().read(run.id())).extracting(Recorded::entry).contains(approved("toolu_1"));
    }

    @Test
    void onlyAPausedRunOfTheTenantCanBeClaimedSoTwoApprovingNodesCannotBothHoldIt() {
        var run = pausedRun();
        var other = tenant("globex");

        assertThat(store.queue().claimPaused(other.id(), run.id(), "api-1", clock.instant(), LEASE)).isEmpty();
        assertThat(store.queue().claimPaused(run.tenantId(), "run_missing", "api-1", clock.instant(), LEASE))
                .isEmpty();
        assertThat(store.queue().claimPaused(run.tenantId(), run.id(), "api-1", clock.instant(), LEASE)).isPresent();
        assertThat(store.queue().claimPaused(run.tenantId(), run.id(), "api-2", clock.instant(), LEASE)).isEmpty();
        assertThatThrownBy(() -> store.queue().claimPaused(run.tenantId(), run.id(), "api-1", clock.instant(),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeThatDiesAfterJournalingTheDecisionLeavesItToTheNextClaimExactlyOnce() {
        var run = pausedRun();
        var approval = store.queue().claimPaused(run.tenantId(), run.id(), "api-1", clock.instant(), LEASE)
                .orElseThrow();
        var decision = approved("toolu_1");
        store.journal().append(approval.fence(), decision);
        // the node dies here, before it queues the run again

        assertThat(tryClaim("w2")).as("the lease still holds").isEmpty();
        clock.advance(LEASE);
        var resumed = claim("w2");

        assertThat(resumed.run().id()).isEqualTo(run.id());
        assertThat(resumed.resumes()).isTrue();
        assertThatThrownBy(() -> store.journal().append(approval.fence(), approved("toolu_1")))
                .isInstanceOf(FencedOutException.class);
        assertThatThrownBy(() -> store.journal().append(resumed.fence(),
                new ApprovalDecided("toolu_1", false, "user:bob", "no", clock.instant())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already decided");
        assertThat(store.journal().read(run.id())).extracting(Recorded::entry)
                .filteredOn(e -> e instanceof ApprovalDecided).containsExactly(decision);
    }

    @Test
    void aPausedRunIsCancelledAtOnce() {
        var run = pausedRun();

        var cancelled = store.runs().requestCancel(run.tenantId(), run.id(), clock.instant()).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).contains(clock.instant());
        assertThat(store.queue().claimPaused(run.tenantId(), run.id(), "api-1", clock.instant(), LEASE)).isEmpty();
    }

    @Test
    void everyJournalEntryNamesTheNodeThatHeldTheRunWhenItWasWritten() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var first = claim("worker-a");
        store.journal().append(first.fence(), Entries.opened(run.id()));
        store.journal().append(first.fence(), Entries.modelStep(1));
        clock.advance(LEASE);
        var second = claim("worker-b");
        store.journal().append(second.fence(), Entries.modelStep(2));

        assertThat(store.journalNodes(run.id())).containsExactly(java.util.Map.entry(1L, "worker-a"),
                java.util.Map.entry(2L, "worker-a"), java.util.Map.entry(3L, "worker-b"));
        assertThat(store.journalNodes("run_missing")).isEmpty();
    }
}
