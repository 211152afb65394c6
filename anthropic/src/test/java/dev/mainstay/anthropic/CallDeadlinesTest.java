package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Expiry is driven by hand on a fake clock; one test checks that the ticking thread does it on its own. */
class CallDeadlinesTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> expired = new ArrayList<>();

    @Test
    void anExchangeIsExpiredOnceItsDeadlineIsReachedAndNotBefore() {
        try (var deadlines = new CallDeadlines(now::get, "test-deadlines")) {
            var registration = deadlines.register(500, () -> expired.add("a"));

            deadlines.expireDue(1_499);
            assertThat(expired).isEmpty();
            assertThat(registration.expired()).isFalse();

            deadlines.expireDue(1_500);
            assertThat(expired).containsExactly("a");
            assertThat(registration.expired()).isTrue();
            assertThat(deadlines.registered()).isZero();
        }
    }

    @Test
    void exchangesExpireInDeadlineOrderAndEachOnlyOnce() {
        try (var deadlines = new CallDeadlines(now::get, "test-deadlines")) {
            deadlines.register(300, () -> expired.add("late"));
            deadlines.register(100, () -> expired.add("early"));
            deadlines.register(100, () -> expired.add("early-too"));
            deadlines.register(900, () -> expired.add("not-yet"));

            deadlines.expireDue(1_300);
            deadlines.expireDue(1_400);

            assertThat(expired).containsExactly("early", "early-too", "late");
            assertThat(deadlines.registered()).isOne();
        }
    }

    @Test
    void aClosedRegistrationNeverExpires() {
        try (var deadlines = new CallDeadlines(now::get, "test-deadlines")) {
            var registration = deadlines.register(100, () -> expired.add("a"));
            registration.close();

            deadlines.expireDue(10_000);

            assertThat(expired).isEmpty();
            assertThat(registration.expired()).isFalse();
            assertThat(deadlines.registered()).isZero();
        }
    }

    @Test
    void theTickingThreadExpiresAnExchangeOnItsOwn() throws InterruptedException {
        var fired = new CountDownLatch(1);
        try (var deadlines = new CallDeadlines(System::nanoTime, "test-deadlines")) {
            var registration = deadlines.register(TimeUnit.MILLISECONDS.toNanos(1), fired::countDown);

            assertThat(fired.await(10, TimeUnit.SECONDS)).as("expired by the ticking thread").isTrue();
            assertThat(registration.expired()).isTrue();
        }
    }

    @Test
    void aTickingThreadThatWentIdleWakesForTheNextRegistration() throws InterruptedException {
        var clock = new AtomicLong(0);
        var fired = new CountDownLatch(1);
        try (var deadlines = new CallDeadlines(clock::get, "test-deadlines")) {
            deadlines.register(1, () -> {}).close(); // starts the thread with nothing left to watch
            long linger = TimeUnit.MILLISECONDS.toNanos(CallDeadlines.LINGER_MILLIS);
            await().atMost(10, TimeUnit.SECONDS).until(() -> {
                clock.addAndGet(linger); // time passes with nothing registered, until the thread parks
                return deadlines.idle();
            });

            deadlines.register(1, fired::countDown);
            clock.addAndGet(10);

            assertThat(fired.await(10, TimeUnit.SECONDS)).as("expired after the idle thread woke").isTrue();
        }
    }
}
