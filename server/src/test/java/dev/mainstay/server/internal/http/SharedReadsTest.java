package dev.mainstay.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedReadsTest {
    private final SharedReads<String, Integer> reads = new SharedReads<>();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aReadArrivingWhileOneIsUnderWayTakesItsResult() throws Exception {
        var inRead = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = CompletableFuture.supplyAsync(() -> reads.read("t1", () -> {
                calls.incrementAndGet();
                inRead.countDown();
                await(release);
                return 7;
            }), threads);
            assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
            var second = new CompletableFuture<Integer>();
            var sharer = new Thread(() -> second.complete(reads.read("t1", () -> calls.incrementAndGet() * 100)));
            sharer.start();
            // parked on the first read's result
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> sharer.getState() == Thread.State.WAITING);
            var otherKey = reads.read("t2", () -> calls.incrementAndGet() * 1000);

            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(otherKey).isEqualTo(2000);
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void nothingIsKeptOnceTheReadReturned() {
        assertThat(reads.read("t1", calls::incrementAndGet)).isEqualTo(1);
        assertThat(reads.read("t1", calls::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aFailedReadFailsItsSharersAndIsNotKept() {
        assertThatThrownBy(() -> reads.read("t1", () -> {
            throw new IllegalStateException("store away");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(reads.read("t1", () -> 5)).isEqualTo(5);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
