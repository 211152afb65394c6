package dev.mainstay.reliability.deadline;

import static dev.mainstay.model.ModelChain.Slot.DEADLINE;
import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.testing.Chains;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineInterceptorTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedModelClient provider = new ScriptedModelClient().thenAnswer("ok");
    private final RecordingListener events = new RecordingListener();
    private final ModelChain client =
            Chains.oneLink(DEADLINE, new DeadlineInterceptor(Duration.ofSeconds(60), events), provider);

    @Test
    void passesTheAttemptTimeoutWhenTheRunHasMoreTimeLeft() {
        client.call(request(), context(Deadline.after(Duration.ofMinutes(10), clock)));

        assertThat(provider.contexts().getFirst().deadline().remaining()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void passesWhatIsLeftOfTheRunWhenThatIsShorter() {
        client.call(request(), context(Deadline.after(Duration.ofSeconds(12), clock)));

        assertThat(provider.contexts().getFirst().deadline().remaining()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void failsFastWithoutCallingTheProviderOnceTheDeadlineHasPassed() {
        var deadline = Deadline.after(Duration.ofSeconds(1), clock);
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.call(request(), context(deadline))).isInstanceOf(ModelTimeoutException.class);
        assertThat(provider.calls()).isZero();
        assertThat(events.events()).containsExactly(new CallRejected(RUN, "deadline", "deadline_expired"));
    }

    @Test
    void rejectsANonPositiveAttemptTimeout() {
        assertThatThrownBy(() -> new DeadlineInterceptor(Duration.ZERO, ReliabilityListener.NONE))
                .hasMessageContaining("attemptTimeout must be positive");
    }
}
