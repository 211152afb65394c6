package dev.mainstay.store;

import static dev.mainstay.store.QueueStoreTest.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a claim may take: a tenant's concurrent-run limit (slots), a conversation's order, batches. */
@BothDatabases
class ClaimLimitsStoreTest extends StoreTest {

    @Test
    void theTenantsConcurrencyLimitHoldsAndADeadWorkersSlotComesBackWhenItsLeaseExpires() {
        var acme = tenant("acme", 2);
        var other = tenant("other");
        for (int i = 0; i < 4; i++) {
            accept(acme.id(), "alice");
        }
        var otherRun = accept(other.id(), "bob");

        var a = claim("w1");
        var b = claim("dead");
        var c = claim("w1");

        assertThat(c.run().id()).isEqualTo(otherRun.id());
        assertThat(tryClaim("w1")).isEmpty();
        store.queue().finish(a.fence(), completed("done"));
        var d = claim("w1");
        assertThat(d.run().tenantId()).isEqualTo(acme.id());
        assertThat(tryClaim("w1")).isEmpty();

        // the dead worker never renews: its slot returns when its lease runs out
        clock.advance(Duration.ofSeconds(4));
        store.queue().renew("w1", List.of(c.fence(), d.fence()), clock.instant(), LEASE);
        assertThat(tryClaim("w1")).isEmpty();
        clock.advance(Duration.ofSeconds(1).plusMillis(1));
        var reclaimed = claim("w1");
        assertThat(reclaimed.run().id()).isEqualTo(b.run().id());
        assertThat(reclaimed.fence().epoch()).isEqualTo(2);
        assertThat(tryClaim("w1")).isEmpty();
    }

    @Test
    @Timeout(60)
    void concurrentClaimersNeverOvershootATenantsLimit() throws Exception {
        var acme = tenant("acme", 3);
        for (int i = 0; i < 40; i++) {
            accept(acme.id(), "alice");
        }
        int claimers = 16;
        var go = new CountDownLatch(1);
        var claims = new java.util.concurrent.ConcurrentLinkedQueue<Claim>();
        try (var pool = Executors.newFixedThreadPool(claimers)) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < claimers; t++) {
                var worker = "w" + t;
                futures.add(pool.submit(() -> {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                    for (int i = 0; i < 5; i++) {
                        store.queue().claim(worker, clock.instant(), LEASE).ifPresent(claims::add);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (var f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
        }

        assertThat(claims).hasSize(3);
        assertThat(claims.stream().map(c -> c.run().id()).distinct()).hasSize(3);
        assertThat(database.count("SELECT COUNT(*) FROM runs WHERE status = 'running'")).isEqualTo(3);
    }

    @Test
    void aBatchClaimTakesTheOldestRunsOfOneTenantWithinItsLimitAndTheConversationsOrder() {
        var acme = tenant("acme", 3);
        var globex = tenant("globex");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        var inConversation = accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var second = accept(acme.id(), "alice");
        var globexRun = accept(globex.id(), "gina");
        var third = accept(acme.id(), "alice");
        accept(acme.id(), "alice");

        var claims = store.queue().claim("w1", clock.instant(), LEASE, 10);

        assertThat(claims).extracting(c -> c.run().id()).containsExactly(inConversation.id(), second.id(), third.id());
        assertThat(claims).allSatisfy(c -> assertThat(c.fence().epoch()).isEqualTo(1));
        assertThat(store.queue().claim("w2", clock.instant(), LEASE, 10)).extracting(c -> c.run().id())
                .containsExactly(globexRun.id());
        assertThat(store.queue().claim("w3", clock.instant(), LEASE, 10)).isEmpty();
        assertThatThrownBy(() -> store.queue().claim("w3", clock.instant(), LEASE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(60)
    void concurrentBatchClaimersNeverOvershootATenantsLimitNorTakeARunTwice() throws Exception {
        var acme = tenant("acme", 25);
        var globex = tenant("globex", 10);
        for (int i = 0; i < 60; i++) {
            accept(acme.id(), "alice");
            accept(globex.id(), "gina");
        }
        var go = new CountDownLatch(1);
        var claims = new java.util.concurrent.ConcurrentLinkedQueue<Claim>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 8; t++) {
                var worker = "w" + t;
                futures.add(pool.submit(() -> {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                    for (int i = 0; i < 6; i++) {
                        claims.addAll(store.queue().claim(worker, clock.instant(), LEASE, 4));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (var f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
        }

        assertThat(claims).hasSize(35);
        assertThat(claims.stream().map(c -> c.run().id()).distinct()).hasSize(35);
        assertThat(claims.stream().filter(c -> c.run().tenantId().equals(acme.id()))).hasSize(25);
    }

    @Test
    void aConversationsRunsAreClaimedOneAfterAnotherInOrder() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        var first = accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var second = accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var alone = accept(acme.id(), "alice");

        var c1 = claim("w1");
        var c2 = claim("w2");

        assertThat(c1.run().id()).isEqualTo(first.id());
        assertThat(c2.run().id()).isEqualTo(alone.id());
        assertThat(tryClaim("w3")).isEmpty();
        // an expired lease leaves the earlier run unfinished: the later one still waits
        clock.advance(LEASE.plusMillis(1));
        store.queue().renew("w2", List.of(c2.fence()), clock.instant(), LEASE);
        var c3 = claim("w3");
        assertThat(c3.run().id()).isEqualTo(first.id());
        assertThat(tryClaim("w4")).isEmpty();
        store.queue().finish(c3.fence(), completed("answer"));
        assertThat(claim("w5").run().id()).isEqualTo(second.id());
    }
}
