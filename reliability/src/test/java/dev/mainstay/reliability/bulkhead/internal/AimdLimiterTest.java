package dev.mainstay.reliability.bulkhead.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AimdLimiterTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static AimdLimiter limitOf(int limit, int waiters) {
        return new AimdLimiter(AdaptiveConcurrencyConfig.DEFAULT.withLimits(limit, 1, limit).withMaxWaiters(waiters));
    }

    private static CompletableFuture<AimdLimiter.Acquisition> waitInLine(AimdLimiter limiter, int position) {
        var acquisition = new CompletableFuture<AimdLimiter.Acquisition>();
        Thread.ofVirtual().start(() -> {
            try {
                acquisition.complete(limiter.acquire(LONG));
            } catch (Throwable e) {
                acquisition.completeExceptionally(e);
            }
        });
        await().atMost(BOUND).until(() -> limiter.waiters() == position);
        return acquisition;
    }

    @Test
    void freedSlotsGoToTheWaitersInTheOrderTheyCame() throws Exception {
        var limiter = limitOf(1, 10);
        var held = limiter.acquire(Duration.ZERO).permit().orElseThrow();
        var first = waitInLine(limiter, 1);
        var second = waitInLine(limiter, 2);

        limiter.onIgnored(held);

        var firstPermit = first.get(BOUND.toSeconds(), TimeUnit.SECONDS).permit();
        assertThat(firstPermit).isPresent();
        assertThat(second).isNotDone();
        assertThat(limiter.waiters()).isEqualTo(1);
        limiter.onIgnored(firstPermit.get());
        assertThat(second.get(BOUND.toSeconds(), TimeUnit.SECONDS).permit()).isPresent();
        assertThat(limiter.inFlight()).isEqualTo(1);
    }

    @Test
    void aCallThatArrivesWhileOthersWaitJoinsTheEndOfTheLine() throws Exception {
        var limiter = limitOf(1, 10);
        var held = limiter.acquire(Duration.ZERO).permit().orElseThrow();
        var waiting = waitInLine(limiter, 1);

        assertThat(limiter.acquire(Duration.ZERO).reason()).isEqualTo(AimdLimiter.NoSlot.TIMED_OUT);
        limiter.onIgnored(held);

        assertThat(waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS).permit()).isPresent();
        assertThat(limiter.acquire(Duration.ZERO).permit()).as("the slot went to the waiter").isEmpty();
    }

    @Test
    void aRaisedLimitLetsInAsManyWaitersAsItHasRoomFor() throws Exception {
        var limiter = new AimdLimiter(AdaptiveConcurrencyConfig.DEFAULT.withLimits(2, 1, 10).withMaxWaiters(10)
                .withLatencyThreshold(Duration.ofMinutes(1)));
        var a = limiter.acquire(Duration.ZERO).permit().orElseThrow();
        limiter.acquire(Duration.ZERO).permit().orElseThrow();
        var first = waitInLine(limiter, 1);
        var second = waitInLine(limiter, 2);

        var change = limiter.onSuccess(a, Duration.ofMillis(5)); // fast and busy: the limit rises to 3

        assertThat(change.newLimit()).isEqualTo(3);
        assertThat(first.get(BOUND.toSeconds(), TimeUnit.SECONDS).permit()).isPresent();
        assertThat(second.get(BOUND.toSeconds(), TimeUnit.SECONDS).permit()).isPresent();
        assertThat(limiter.inFlight()).isEqualTo(3);
        assertThat(limiter.waiters()).isZero();
    }

    @Test
    void aWaiterThatGivesUpLeavesTheLineAndTheSlotToTheNext() throws Exception {
        var limiter = limitOf(1, 10);
        var held = limiter.acquire(Duration.ZERO).permit().orElseThrow();
        var timedOut = limiter.acquire(Duration.ofMillis(1));
        assertThat(timedOut.reason()).isEqualTo(AimdLimiter.NoSlot.TIMED_OUT);
        assertThat(limiter.waiters()).isZero();

        var interrupted = new CompletableFuture<Throwable>();
        var thread = Thread.ofVirtual().start(() -> {
            try {
                limiter.acquire(LONG);
                interrupted.complete(null);
            } catch (InterruptedException e) {
                interrupted.complete(e);
            }
        });
        await().atMost(BOUND).until(() -> limiter.waiters() == 1);
        var next = waitInLine(limiter, 2);
        thread.interrupt();
        assertThat(interrupted.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(limiter.waiters()).isEqualTo(1);

        limiter.onIgnored(held);

        assertThat(next.get(BOUND.toSeconds(), TimeUnit.SECONDS).permit()).isPresent();
        assertThat(limiter.inFlight()).isEqualTo(1);
    }

    @Test
    void aFullLineRefusesAtOnce() throws Exception {
        var limiter = limitOf(1, 1);
        limiter.acquire(Duration.ZERO).permit().orElseThrow();
        waitInLine(limiter, 1);

        assertThat(limiter.acquire(LONG).reason()).isEqualTo(AimdLimiter.NoSlot.QUEUE_FULL);
    }
}
