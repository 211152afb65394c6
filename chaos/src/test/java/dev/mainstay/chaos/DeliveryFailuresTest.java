package dev.mainstay.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.TextDelta;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import dev.mainstay.testing.Metas;
import org.junit.jupiter.api.Test;

/** Which failed runs the harness may resume: only those whose stream had already delivered text. */
class DeliveryFailuresTest {
    private final DeliveryFailures deliveries = new DeliveryFailures();

    @Test
    void aStepThatFailedAfterStreamingTextMarksItsRunOnce() {
        deliveries.onEvent(new TextDelta(Metas.of("run_1"), 2, 0, "The answer is"));
        deliveries.onEvent(failed("run_1", 2));

        assertThat(deliveries.takeFailedAfterDelivery("run_1")).isTrue();
        assertThat(deliveries.takeFailedAfterDelivery("run_1")).isFalse();
    }

    @Test
    void aStepThatFailedBeforeAnyTextIsNotMarked() {
        deliveries.onEvent(new TextDelta(Metas.of("run_1"), 1, 0, "Checking"));
        deliveries.onEvent(new ModelCallFinished(Metas.of("run_1"), 1, "claude-sonnet-5-5", StopReason.TOOL_USE,
                Usage.ZERO, dev.mainstay.cost.Cost.ZERO, java.util.List.of(), Duration.ZERO));
        deliveries.onEvent(failed("run_1", 2));
        deliveries.onEvent(new TextDelta(Metas.of("run_2"), 2, 0, "other run"));

        assertThat(deliveries.takeFailedAfterDelivery("run_1")).isFalse();
        assertThat(deliveries.takeFailedAfterDelivery("run_2")).isFalse();
    }

    private static ModelCallFailed failed(String runId, int step) {
        return new ModelCallFailed(Metas.of(runId), step, "claude-sonnet-5-5", "overloaded_error", "Overloaded", true,
                Duration.ZERO);
    }
}
