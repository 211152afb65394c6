package dev.mainstay.reliability.deadline;

import static dev.mainstay.reliability.testing.Fixtures.context;
import static dev.mainstay.reliability.testing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.ModelPipeline;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.reliability.testing.ScriptedModelClient;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineInterceptorTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedModelClient provider = new ScriptedModelClient().thenAnswer("ok");
    private final ModelPipeline client = ModelPipeline.of(
            List.of(new DeadlineInterceptor(Duration.ofSeconds(60), ReliabilityListener.NONE)), provider);

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
    }

    @Test
    void rejectsANonPositiveAttemptTimeout() {
        assertThatThrownBy(() -> new DeadlineInterceptor(Duration.ZERO, ReliabilityListener.NONE))
                .hasMessageContaining("attemptTimeout must be positive");
    }
}
