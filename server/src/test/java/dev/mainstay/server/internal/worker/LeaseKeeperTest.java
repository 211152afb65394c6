package dev.mainstay.server.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.Claim;
import dev.mainstay.store.Renewal;
import dev.mainstay.store.RunEnd;
import dev.mainstay.store.RunQueue;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import dev.mainstay.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaseKeeperTest {
    static final Duration LEASE = Duration.ofSeconds(5);
    final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeQueue queue = new FakeQueue();
    final Executions executions = new Executions();
    final GuardedJournal journal = new GuardedJournal(new InMemoryJournal(), clock);
    final LeaseKeeper keeper = new LeaseKeeper(queue, executions, "w1", LEASE, Duration.ofSeconds(1), clock);

    @Test
    void aLostLeaseGivesTheExecutionUpSoItWritesNothingMore() {
        var execution = running("run_a", 3);
        queue.next = new Renewal(Set.of(execution.fence()), Set.of());

        keeper.renewOnce();

        assertThat(execution.isGivenUp()).isTrue();
        assertThat(execution.cancellation().isCancelled()).isTrue();
        assertThatThrownBy(() -> journal.append(execution.fence(), new RunClosed(RunStopReason.CANCELLED,
                Optional.empty(), clock.instant()))).isInstanceOf(FencedOutException.class);
    }

    @Test
    void aCancellationAskedOnAnyNodeCancelsTheLocalExecution() {
        var execution = running("run_b", 1);
        queue.next = new Renewal(Set.of(), Set.of("run_b"));

        keeper.renewOnce();

        assertThat(execution.cancellation().isCancelled()).isTrue();
        assertThat(execution.isGivenUp()).isFalse();
        assertThat(queue.renewed).containsExactly(List.of(execution.fence()));
    }

    @Test
    void whileRenewalsFailAnExecutionIsGivenUpOnlyOnceItsLeaseHasRunOut() {
        var execution = running("run_c", 2);
        queue.failing = true;

        clock.advance(Duration.ofSeconds(4));
        keeper.renewOnce();
        assertThat(execution.isGivenUp()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        keeper.renewOnce();
        assertThat(execution.isGivenUp()).isTrue();
    }

    @Test
    void aRenewalExtendsTheLeaseFromWhenItWasAsked() {
        var execution = running("run_d", 1);
        clock.advance(Duration.ofSeconds(3));
        queue.next = new Renewal(Set.of(), Set.of());

        keeper.renewOnce();
        queue.failing = true;
        clock.advance(Duration.ofSeconds(4));
        keeper.renewOnce();

        assertThat(execution.isGivenUp()).isFalse();
        assertThat(execution.leaseExpiresAt()).isEqualTo(Instant.parse("2026-12-01T10:00:08Z"));
    }

    private RunExecution running(String runId, long epoch) {
        var fence = new Fence(runId, epoch);
        var run = new RunRecord(runId, "t1", "u1", Optional.empty(), "task", RunLimits.DEFAULTS, RunStatus.RUNNING,
                Optional.empty(), Optional.empty(), Optional.empty(), Usage.ZERO, Cost.ZERO, clock.instant(),
                Optional.of(clock.instant()), Optional.empty(), epoch, Optional.of("w1"),
                Optional.of(clock.instant().plus(LEASE)), false, (int) epoch, Optional.empty());
        var claim = new Claim(run, fence, 1);
        var execution = new RunExecution(claim, new EventWriter(null, fence, new RunSignals(), LEASE), journal,
                clock.instant().plus(LEASE));
        executions.add(execution);
        return execution;
    }

    static final class FakeQueue implements RunQueue {
        Renewal next = new Renewal(Set.of(), Set.of());
        boolean failing;
        final List<List<Fence>> renewed = new ArrayList<>();

        @Override
        public Renewal renew(String worker, Collection<Fence> held, Instant now, Duration lease) {
            if (failing) {
                throw new IllegalStateException("database unavailable");
            }
            renewed.add(List.copyOf(held));
            return next;
        }

        @Override
        public Optional<Claim> claim(String worker, Instant now, Duration lease) {
            return Optional.empty();
        }

        @Override
        public Optional<Claim> claimPaused(String tenantId, String runId, String worker, Instant now,
                Duration lease) {
            return Optional.empty();
        }

        @Override
        public void finish(Fence fence, RunEnd end) {}

        @Override
        public void release(Fence fence, Instant now) {}

        @Override
        public QueueDepth depth(Instant now) {
            return new QueueDepth(0, Optional.empty(), 0);
        }

        @Override
        public WorkSignal workSignal() {
            return max -> false;
        }

        @Override
        public void notifyWork() {}
    }
}
