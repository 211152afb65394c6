package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Failover;
import dev.mainstay.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTimelineRetriesTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static ModelStep step(List<Failover> failovers, List<BilledAttempt> billed) {
        return new ModelStep(1, "claude-sonnet-4-5", 1, Optional.empty(), Usage.ZERO, Cost.ZERO, failovers, AT,
                Duration.ofMillis(10), Optional.of(new StepError("overloaded", "overloaded")), billed, "");
    }

    private static Failover failover() {
        return new Failover("primary", "claude-sonnet-4-5", "overloaded_error", "overloaded", "overloaded");
    }

    private static BilledAttempt billed() {
        return new BilledAttempt("primary", "claude-sonnet-4-5", Usage.ZERO, Cost.ZERO);
    }

    @Test
    void aCallAnsweredOnItsFirstAttemptHasNoRetries() {
        assertThat(RunTimeline.retries(step(List.of(), List.of()))).isZero();
        assertThat(RunTimeline.retries(step(List.of(), List.of(billed())))).isZero();
    }

    @Test
    void everyFailoverIsOneRetry() {
        assertThat(RunTimeline.retries(step(List.of(failover(), failover()), List.of()))).isEqualTo(2);
    }

    @Test
    void billedAttemptsBeyondTheFirstAreRetries() {
        assertThat(RunTimeline.retries(step(List.of(failover()), List.of(billed(), billed(), billed()))))
                .isEqualTo(2);
    }
}
