package dev.mainstay.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.store.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeTokensTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    /** A bucket that holds {@code tokens} and never refills; records every take. */
    private static final class Bucket implements RateLimits {
        int tokens;
        final List<Integer> takes = new ArrayList<>();

        Bucket(int tokens) {
            this.tokens = tokens;
        }

        @Override
        public synchronized Optional<Duration> tryAcquire(String key, double perSecond, int burst, int n,
                Instant now) {
            takes.add(n);
            if (tokens >= n) {
                tokens -= n;
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSlowKeyTakesOneTokenPerRequest() {
        var bucket = new Bucket(10);
        var tokens = new NodeTokens(bucket);

        tokens.tryAcquire("k", 20, 40, T0);
        tokens.tryAcquire("k", 20, 40, T0);

        assertThat(bucket.takes).containsExactly(1, 1);
    }

    @Test
    void aBusyKeySpendsTokensTakenAtOnceAndNeverMoreThanTheBucketGave() {
        var bucket = new Bucket(250);
        var tokens = new NodeTokens(bucket);
        int batch = NodeTokens.batch(2_000, 4_000);
        assertThat(batch).isEqualTo(100);

        int allowed = 0;
        for (int i = 0; i < 400; i++) {
            if (tokens.tryAcquire("k", 2_000, 4_000, T0).isEmpty()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(250);
        assertThat(bucket.tokens).isZero();
        assertThat(bucket.takes.subList(0, 2)).containsExactly(100, 100);
    }

    @Test
    void tokensNotSpentInTimeAreNotSpentLater() {
        var bucket = new Bucket(100);
        var tokens = new NodeTokens(bucket);
        tokens.tryAcquire("k", 2_000, 4_000, T0);

        var later = T0.plus(NodeTokens.KEEP);
        assertThat(tokens.tryAcquire("k", 2_000, 4_000, later)).isPresent();
        assertThat(bucket.takes).containsExactly(100, 100, 1);
    }

    @Test
    void theBatchIsAtMostAQuarterOfTheBurst() {
        assertThat(NodeTokens.batch(1e9, 40)).isEqualTo(10);
        assertThat(NodeTokens.batch(0.5, 1)).isEqualTo(1);
    }

    @Test
    void aBurstOnANodeWithNoTokensLeftTakesOneBatchFromTheStore() throws Exception {
        var bucket = new Bucket(1_000_000);
        var tokens = new NodeTokens(bucket);
        int batch = NodeTokens.batch(100_000, 100_000);
        var start = new java.util.concurrent.CountDownLatch(1);
        var allowed = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                threads.submit(() -> {
                    start.await();
                    if (tokens.tryAcquire("k", 100_000, 100_000, T0).isEmpty()) {
                        allowed.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
        }

        assertThat(allowed).hasValue(500);
        assertThat(batch).isGreaterThanOrEqualTo(500);
        assertThat(bucket.takes).as("one refill served the whole burst").containsExactly(batch);
    }
}
