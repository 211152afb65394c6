package dev.mainstay.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void aCallGetsTheSmallerOfItsOwnTimeoutAndTheTimeLeft() {
        var deadline = Deadline.after(Duration.ofSeconds(10), clock);

        assertThat(deadline.timeoutFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(8));
        assertThat(deadline.timeoutFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void timeLeftNeverGoesNegativeAndExpiryIsExact() {
        var deadline = Deadline.after(Duration.ofSeconds(1), clock);
        clock.advance(Duration.ofSeconds(1));

        assertThat(deadline.isExpired()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(deadline.remaining()).isZero();
    }

    @Test
    void shorteningNeverExtends() {
        var deadline = Deadline.after(Duration.ofSeconds(10), clock);

        assertThat(deadline.shorten(Duration.ofSeconds(30))).isEqualTo(deadline);
        assertThat(deadline.shorten(Duration.ofSeconds(2)).remaining()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void cancellationRunsEachCallbackOnceEvenWhenRegisteredLate() {
        var source = new CancellationSource();
        var calls = new AtomicInteger();
        source.onCancel(calls::incrementAndGet);
        var removed = source.onCancel(calls::incrementAndGet);
        removed.close();

        source.cancel();
        source.cancel();
        source.onCancel(calls::incrementAndGet);

        assertThat(source.isCancelled()).isTrue();
        assertThat(calls).hasValue(2);
    }
}
