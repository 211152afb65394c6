package dev.mainstay.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.bench.stacks.RawStack;
import dev.mainstay.json.Json;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StackProcessTest {
    @Test
    void measuresEveryPhaseOfThePlanAndKeepsTheRunsInFlightAtTheServer() throws Exception {
        try (var fast = CannedServer.start("127.0.0.1", 0, Duration.ZERO);
                var slow = CannedServer.start("127.0.0.1", 0, Duration.ofMillis(300))) {
            var plan = new Plan(fast.baseUrl(), slow.baseUrl(), 4, 6, 3, 4, 12, 20, 1, 1);

            var result = Json.parse(new StackProcess("raw", RawStack::new, plan, null, null, "jfr").measure().toString());

            assertThat(result.path("stack").asText()).isEqualTo("raw");
            assertThat(result.path("c1").path("runs").asInt()).isEqualTo(6);
            assertThat(result.path("c1").path("alloc_kb_per_run").asDouble()).isPositive();
            assertThat(result.path("c1").path("p99_ms").asDouble())
                    .isGreaterThanOrEqualTo(result.path("c1").path("p50_ms").asDouble());
            assertThat(result.path("c1_stream").path("runs").asInt()).isEqualTo(3);
            assertThat(result.path("concurrent").path("concurrency").asInt()).isEqualTo(4);
            assertThat(result.path("concurrent").path("runs_per_s").asDouble()).isPositive();
            assertThat(result.path("heap").path("in_flight").asInt()).isEqualTo(20);
            assertThat(result.path("heap").path("at_server").asInt()).isGreaterThanOrEqualTo(19);
            assertThat(result.path("jvm").path("processors").asInt()).isPositive();
            assertThat(fast.rejected() + slow.rejected()).isZero();
        }
    }

    @Test
    void anUnexpectedAnswerStopsTheMeasurement() {
        var runs = new AtomicInteger();
        Stack wrong = new Stack() {
            @Override
            public String runOnce(boolean stream) {
                runs.incrementAndGet();
                return "I cannot help with that.";
            }

            @Override
            public void close() {}
        };
        var plan = new Plan(java.net.URI.create("http://127.0.0.1:1"), null, 0, 5, 0, 1, 0, 0, 0, 0);

        assertThatThrownBy(() -> new StackProcess("wrong", url -> wrong, plan, null, null, "jfr").measure())
                .hasMessageContaining("the run's answer lacks '409.5'");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aPlanWithImpossibleCountsListsEveryProblem() {
        assertThatThrownBy(() -> new Plan(java.net.URI.create("http://x"), java.net.URI.create("http://y"), -1, 0, 0,
                0, 0, 0, 0, -1))
                .hasMessageContaining("warmupRuns must not be negative")
                .hasMessageContaining("runs must be at least 1")
                .hasMessageContaining("concurrency must be at least 1")
                .hasMessageContaining("settleBatches must not be negative")
                .hasMessageContaining("heapConcurrency must be at least 1");
    }
}
