package dev.mainstay.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mainstay.store.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A busy key is looked up once per trust period, and a burst on an uncached key shares one lookup. */
class VerifiedKeysTest {
    private static final Principal ALICE = new Principal("key_1", "ten_a", "alice", Principal.Role.MEMBER);
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    private final AtomicInteger lookUps = new AtomicInteger();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final VerifiedKeys keys = new VerifiedKeys((secret, now) -> {
        lookUps.incrementAndGet();
        return secret.equals("msk_alice") && !revoked.get() ? Optional.of(ALICE) : Optional.empty();
    });

    @Test
    void aVerifiedKeyIsNotLookedUpAgainWithinItsTrust() {
        assertThat(keys.authenticate("msk_alice", T0)).contains(ALICE);
        assertThat(keys.authenticate("msk_alice", T0.plusSeconds(1))).contains(ALICE);
        assertThat(keys.authenticate("msk_alice", T0.plus(VerifiedKeys.TTL).minusMillis(1))).contains(ALICE);

        assertThat(lookUps).hasValue(1);
    }

    @Test
    void aRevokedKeyIsRefusedOnceItsTrustRanOut() {
        keys.authenticate("msk_alice", T0);
        revoked.set(true);

        assertThat(keys.authenticate("msk_alice", T0.plus(VerifiedKeys.TTL))).isEmpty();
        assertThat(keys.authenticate("msk_alice", T0.plus(VerifiedKeys.TTL).plusMillis(1))).isEmpty();
        assertThat(lookUps).hasValue(3);
    }

    @Test
    void anUnknownKeyIsLookedUpEveryTime() {
        assertThat(keys.authenticate("msk_mallory", T0)).isEmpty();
        assertThat(keys.authenticate("msk_mallory", T0)).isEmpty();

        assertThat(lookUps).hasValue(2);
    }

    @Test
    void concurrentRequestsWithAnUncachedKeyShareOneLookup() throws Exception {
        var inLookUp = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slow = new VerifiedKeys((secret, now) -> {
            lookUps.incrementAndGet();
            inLookUp.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(ALICE);
        });
        var results = new ConcurrentLinkedQueue<Optional<Principal>>();
        var first = new Thread(() -> results.add(slow.authenticate("msk_alice", T0)));
        first.start();
        assertThat(inLookUp.await(10, TimeUnit.SECONDS)).isTrue();
        var others = new ArrayList<Thread>();
        for (int i = 0; i < 8; i++) {
            var other = new Thread(() -> results.add(slow.authenticate("msk_alice", T0)));
            other.start();
            others.add(other);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> others.stream()
                .allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        first.join(10_000);
        for (var other : others) {
            other.join(10_000);
        }

        assertThat(results).hasSize(9).containsOnly(Optional.of(ALICE));
        assertThat(lookUps).hasValue(1);
    }

    @Test
    void aFailedLookupFailsItsWaitersAndIsNotRemembered() {
        var failing = new VerifiedKeys((secret, now) -> {
            lookUps.incrementAndGet();
            throw new IllegalStateException("the store is unavailable");
        });

        assertThatThrownBy(() -> failing.authenticate("msk_alice", T0)).hasMessageContaining("unavailable");
        assertThatThrownBy(() -> failing.authenticate("msk_alice", T0)).hasMessageContaining("unavailable");
        assertThat(lookUps).hasValue(2);
    }

    @Test
    void theTrustIsAFewSeconds() {
        assertThat(VerifiedKeys.TTL).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }
}
