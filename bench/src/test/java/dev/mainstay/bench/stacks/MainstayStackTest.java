package dev.mainstay.bench.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.bench.harness.CannedServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MainstayStackTest {
    @Test
    void eachRunsJournalIsForgottenWhenTheRunEnds() throws Exception {
        try (var server = CannedServer.start("127.0.0.1", 0, Duration.ZERO);
                var stack = new MainstayStack(server.baseUrl(), MainstayStack.Variant.FULL)) {
            stack.runOnce(false);
            stack.runOnce(true);

            assertThat(stack.journaledRuns()).isZero();
        }
    }

    @Test
    void aRunThatDoesNotCompleteIsReportedWithItsStopReason() throws Exception {
        URI nobodyListens;
        try (var server = CannedServer.start("127.0.0.1", 0, Duration.ZERO)) {
            nobodyListens = server.baseUrl();
        }
        try (var stack = new MainstayStack(nobodyListens, MainstayStack.Variant.BARE)) {
            assertThatThrownBy(() -> stack.runOnce(false))
                    .hasMessageStartingWith("mainstay-bare run ended FAILED: connection_error");
            assertThat(stack.journaledRuns()).isZero();
        }
    }
}
