package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.Cost;
import dev.mainstay.event.TextDelta;
import dev.mainstay.event.EventMeta;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BothDatabases
class QueueStoreTest extends StoreTest {

    static RunEnd completed(String output) {
        return new RunEnd(RunStopReason.COMPLETED, output, Optional.empty(), new Usage(100, 20, 5, 1),
                Cost.usd(new BigDecimal("0.01234567")), clock.instant());
    }

    @Test
    void aClaimLeasesTheOldestQueuedRunUnderEpochOne() {
        var acme = tenant("acme");
        var first = accept(acme.id(), "alice");
        accept(acme.id(), "alice");

        var claim = claim("w1");

        assertThat(claim.run().id()).isEqualTo(first.id());
        assertThat(claim.fence().epoch()).isEqualTo(1);
        assertThat(claim.resumes()).isFalse();
        assertThat(claim.nextEventSeq()).isEqualTo(1);
        assertThat(claim.run().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(claim.run().leaseOwner()).contains("w1");
        assertThat(claim.run().leaseExpiresAt()).contains(clock.instant().plus(LEASE));
        assertThat(claim.run().startedAt()).contains(clock.instant());
        assertThat(claim.run().attempts()).isEqualTo(1);
        assertThat(claim.run().traceparent()).isEqualTo(first.traceparent());
        assertThat(claim.run().limits()).isEqualTo(first.limits());
    }

    @Test
    void nothingClaimableIsEmpty() {
        assertThat(tryClaim("w1")).isEmpty();
        accept(tenant("acme").id(), "alice");
        claim("w1");
        assertThat(tryClaim("w2")).isEmpty();
    }

    @Test
    void aLiveLeaseIsNotClaimedAgainAndAnExpiredOneIsUnderAHigherEpoch() {
        accept(tenant("acme").id(), "alice");
        var first = claim("w1");
        clock.advance(LEASE.minusMillis(1));
        assertThat(tryClaim("w2")).isEmpty();

        clock.advance(Duration.ofMillis(1));
        var second = claim("w2");
        clock.advance(LEASE);
        var third = claim("w3");

        assertThat(List.of(first.fence().epoch(), second.fence().epoch(), third.fence().epoch()))
                .containsExactly(1L, 2L, 3L);
        assertThat(third.resumes()).isTrue();
        assertThat(third.run().attempts()).isEqualTo(3);
        assertThat(third.run().startedAt()).isEqualTo(first.run().startedAt());
        assertThat(third.run().leaseOwner()).contains("w3");
    }

    @Test
    void renewingExtendsTheLeasesInOneCallAndReportsLostOnesAndCancellations() {
        var acme = tenant("acme");
        var a = accept(acme.id(), "alice");
        var b = accept(acme.id(), "alice");
        var c = accept(acme.id(), "alice");
        var ca = claim("w1");
        var cb = claim("w1");
        var cc = claim("w1");
        store.runs().requestCancel(acme.id(), b.id(), clock.instant());

        clock.advance(Duration.ofSeconds(4));
        var renewal = store.queue().renew("w1", List.of(ca.fence(), cb.fence()), clock.instant(), LEASE);
        clock.advance(Duration.ofSeconds(2));
        var taken = claim("w2");

        assertThat(renewal.lost()).isEmpty();
        assertThat(renewal.cancelRequested()).containsExactly(b.id());
        assertThat(taken.run().id()).isEqualTo(c.id());
        assertThat(store.queue().renew("w1", List.of(ca.fence(), cb.fence(), cc.fence()), clock.instant(), LEASE)
                .lost()).containsExactly(cc.fence());
        assertThat(run(acme.id(), a.id()).leaseExpiresAt()).contains(clock.instant().plus(LEASE));
        assertThat(store.queue().renew("w1", List.of(), clock.instant(), LEASE)).isEqualTo(new Renewal(Set.of(),
                Set.of()));
    }

    @Test
    void renewingHundredsOfLeasesAtOnceWorks() {
        var acme = tenant("acme", 2_000);
        var fences = new ArrayList<dev.mainstay.journal.Fence>();
        for (int i = 0; i < 1_200; i++) {
            accept(acme.id(), "alice");
        }
        for (int i = 0; i < 1_200; i++) {
            fences.add(claim("w1").fence());
        }
        var renewal = store.queue().renew("w1", fences, clock.instant(), LEASE);
        assertThat(renewal.lost()).isEmpty();
        assertThat(store.queue().renew("w2", fences.subList(0, 3), clock.instant(), LEASE).lost()).hasSize(3);
    }

    @Test
    void aWorkerThatLostItsLeaseCanWriteNothing() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var old = claim("w1");
        clock.advance(LEASE.plusMillis(1));
        var current = claim("w2");

        assertThatThrownBy(() -> store.journal().append(old.fence(), Entries.closed()))
                .isInstanceOf(FencedOutException.class);
        assertThatThrownBy(() -> store.events().append(old.fence(), delta(run.id(), acme.id(), 1)))
                .isInstanceOf(FencedOutException.class);
        assertThatThrownBy(() -> store.queue().finish(old.fence(), completed("stale answer")))
                .isInstanceOf(FencedOutException.class);
        store.queue().release(old.fence(), clock.instant());

        var now = run(acme.id(), run.id());
        assertThat(now.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(now.leaseOwner()).contains("w2");
        assertThat(now.output()).isEmpty();
        assertThat(store.journal().read(run.id())).isEmpty();
        assertThat(store.events().lastSeq(run.id())).isZero();
        assertThat(store.queue().renew("w1", List.of(old.fence()), clock.instant(), LEASE).lost())
                .containsExactly(old.fence());
        store.queue().finish(current.fence(), completed("4"));
        assertThat(run(acme.id(), run.id()).output()).contains("4");
    }

    @Test
    void finishingStoresTheOutcomeAndReleasesTheLease() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        clock.advance(Duration.ofSeconds(3));

        store.queue().finish(claim.fence(), completed("2 + 2 = 4"));

        var done = run(acme.id(), run.id());
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.stopReason()).contains(RunStopReason.COMPLETED);
        assertThat(done.output()).contains("2 + 2 = 4");
        assertThat(done.usage()).isEqualTo(new Usage(100, 20, 5, 1));
        assertThat(done.cost()).isEqualTo(Cost.usd(new BigDecimal("0.01234567")));
        assertThat(done.finishedAt()).contains(clock.instant());
        assertThat(done.leaseOwner()).isEmpty();
        assertThat(done.leaseExpiresAt()).isEmpty();
        assertThat(done.leaseEpoch()).isEqualTo(1);
        assertThatThrownBy(() -> store.queue().finish(claim.fence(), completed("again")))
                .isInstanceOf(FencedOutException.class);
    }

    @Test
    void theStatusFollowsTheStopReasonAndFailuresKeepTheirErrorAndUnknownCost() {
        var acme = tenant("acme");
        var failed = accept(acme.id(), "alice");
        var stopped = accept(acme.id(), "alice");
        store.queue().finish(claim("w1").fence(), new RunEnd(RunStopReason.FAILED, "", Optional.of(new StepError(
                "overloaded", "every endpoint was overloaded")), Usage.ZERO, Cost.unpriced("my-model"),
                clock.instant()));
        store.queue().finish(claim("w1").fence(), new RunEnd(RunStopReason.MAX_STEPS, "partial", Optional.empty(),
                Usage.ZERO, Cost.ZERO, clock.instant()));

        var f = run(acme.id(), failed.id());
        assertThat(f.status()).isEqualTo(RunStatus.FAILED);
        assertThat(f.error()).contains(new StepError("overloaded", "every endpoint was overloaded"));
        assertThat(f.cost()).isEqualTo(Cost.unpriced("my-model"));
        assertThat(run(acme.id(), stopped.id()).status()).isEqualTo(RunStatus.STOPPED);
        accept(acme.id(), "alice");
        var third = claim("w1");
        assertThatThrownBy(() -> store.queue().finish(third.fence(), new RunEnd(RunStopReason.LEASE_LOST, "",
                Optional.empty(), Usage.ZERO, Cost.ZERO, clock.instant())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(run(acme.id(), third.run().id()).status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aReleasedRunIsQueuedAgainWithItsJournalAndClaimableAtOnce() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var first = claim("w1");
        store.journal().append(first.fence(), Entries.opened(run.id()));

        store.queue().release(first.fence(), clock.instant());

        var released = run(acme.id(), run.id());
        assertThat(released.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(released.leaseOwner()).isEmpty();
        var again = claim("w2");
        assertThat(again.fence().epoch()).isEqualTo(2);
        assertThat(store.journal().read(run.id())).hasSize(1);
    }

    @Test
    void aReleasedRunWhoseCancellationWasRequestedEndsCancelled() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        store.runs().requestCancel(acme.id(), run.id(), clock.instant());

        store.queue().release(claim.fence(), clock.instant());

        assertThat(run(acme.id(), run.id()).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(tryClaim("w2")).isEmpty();
    }

    @Test
    void aResumedRunContinuesItsEventSequence() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var first = claim("w1");
        store.events().appendAll(first.fence(), List.of(delta(run.id(), acme.id(), 1), delta(run.id(), acme.id(), 2),
                delta(run.id(), acme.id(), 3)));
        clock.advance(LEASE.plusMillis(1));

        var resumed = claim("w2");

        assertThat(resumed.nextEventSeq()).isEqualTo(4);
        assertThat(store.events().lastSeq(run.id())).isEqualTo(3);
    }

    @Test
    void theDepthCountsQueuedAndRunningRunsAndTheOldestWait() {
        var acme = tenant("acme");
        assertThat(store.queue().depth(clock.instant())).isEqualTo(new RunQueue.QueueDepth(0, Optional.empty(), 0));
        var oldest = accept(acme.id(), "alice");
        accept(acme.id(), "alice");
        accept(acme.id(), "alice");
        claim("w1");
        clock.advance(Duration.ofSeconds(10));

        var depth = store.queue().depth(clock.instant());

        assertThat(depth.queued()).isEqualTo(2);
        assertThat(depth.running()).isEqualTo(1);
        assertThat(depth.oldestAge()).contains(Duration.between(oldest.createdAt().plusMillis(1), clock.instant()));
    }

    @Test
    @Timeout(20)
    void anIdleWorkerIsWokenByAnAcceptedRunAndTimesOutWithoutOne() throws Exception {
        var acme = tenant("acme");
        var signal = store.queue().workSignal();
        // on PostgreSQL the listener signals once when it starts listening (work may have come meanwhile)
        for (int i = 0; i < 50 && signal.await(Duration.ofMillis(100)); i++) {
            // drained
        }
        assertThat(signal.await(Duration.ofMillis(50))).isFalse();

        var woken = new CountDownLatch(1);
        var waiter = Thread.ofPlatform().start(() -> {
            try {
                if (signal.await(Duration.ofSeconds(10))) {
                    woken.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        accept(acme.id(), "alice");

        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join(1_000);
    }

    @Test
    void aSignalWhileTheWorkerWasBusyIsNotLost() throws Exception {
        var acme = tenant("acme");
        var signal = store.queue().workSignal();
        accept(acme.id(), "alice");

        long start = System.nanoTime();
        assertThat(signal.await(Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        store.queue().notifyWork();
        assertThat(signal.await(Duration.ofSeconds(10))).isTrue();
    }

    static TextDelta delta(String runId, String tenantId, long seq) {
        return new TextDelta(new EventMeta(runId, tenantId, seq, clock.instant()), 1, 0, "chunk " + seq);
    }
}
