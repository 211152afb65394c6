package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BothDatabases
class RateLimitStoreTest extends StoreTest {

    @Test
    void aBucketAllowsItsBurstThenSaysHowLongUntilTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(store.rateLimits().tryAcquire("key:k1", 2, 3, clock.instant())).isEmpty();
        }

        var refused = store.rateLimits().tryAcquire("key:k1", 2, 3, clock.instant());

        assertThat(refused).isPresent();
        assertThat(refused.get()).isBetween(Duration.ofMillis(499), Duration.ofMillis(501));
        assertThat(store.rateLimits().tryAcquire("key:k2", 2, 3, clock.instant())).isEmpty();
    }

    @Test
    void tokensComeBackAtTheRateUpToTheBurst() {
        for (int i = 0; i < 3; i++) {
            store.rateLimits().tryAcquire("key:k1", 2, 3, clock.instant());
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(store.rateLimits().tryAcquire("key:k1", 2, 3, clock.instant())).isEmpty();
        assertThat(store.rateLimits().tryAcquire("key:k1", 2, 3, clock.instant())).isPresent();

        clock.advance(Duration.ofHours(1));
        int allowed = 0;
        while (store.rateLimits().tryAcquire("key:k1", 2, 3, clock.instant()).isEmpty()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void severalTokensAreTakenAllOrNone() {
        assertThat(store.rateLimits().tryAcquire("key:k1", 2, 10, 4, clock.instant())).isEmpty();
        assertThat(store.rateLimits().tryAcquire("key:k1", 2, 10, 4, clock.instant())).isEmpty();

        var refused = store.rateLimits().tryAcquire("key:k1", 2, 10, 4, clock.instant());

        assertThat(refused).isPresent();
        assertThat(refused.get()).isBetween(Duration.ofMillis(999), Duration.ofMillis(1001));
        assertThat(store.rateLimits().tryAcquire("key:k1", 2, 10, 2, clock.instant())).isEmpty();
        assertThat(store.rateLimits().tryAcquire("key:k1", 2, 10, 1, clock.instant())).isPresent();
    }

    @Test
    void aRefusedRequestTakesNoToken() {
        store.rateLimits().tryAcquire("key:k1", 1, 1, clock.instant());
        for (int i = 0; i < 5; i++) {
            assertThat(store.rateLimits().tryAcquire("key:k1", 1, 1, clock.instant())).isPresent();
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.rateLimits().tryAcquire("key:k1", 1, 1, clock.instant())).isEmpty();
    }

    @Test
    @Timeout(60)
    void concurrentRequestsNeverGetMoreThanTheBucketHolds() throws Exception {
        var go = new CountDownLatch(1);
        var results = new ArrayList<Optional<Duration>>();
        try (var threads = Executors.newFixedThreadPool(16)) {
            var futures = new ArrayList<Future<Optional<Duration>>>();
            for (int i = 0; i < 200; i++) {
                futures.add(threads.submit(() -> {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                    return store.rateLimits().tryAcquire("key:shared", 0.001, 25, clock.instant());
                }));
            }
            go.countDown();
            for (var future : futures) {
                results.add(future.get(50, TimeUnit.SECONDS));
            }
        }

        assertThat(results.stream().filter(Optional::isEmpty).count()).isEqualTo(25);
    }
}
