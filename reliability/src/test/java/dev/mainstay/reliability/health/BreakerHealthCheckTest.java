package dev.mainstay.reliability.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.breaker.BreakerState;
import dev.mainstay.reliability.breaker.BreakerStates;
import dev.mainstay.reliability.health.HealthStatus.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakerHealthCheckTest {
    private static BreakerStates of(Map<String, BreakerState> states) {
        return () -> states;
    }

    @Test
    void isUpWhenEveryBreakerIsClosed() {
        var check = new BreakerHealthCheck("breakers",
                List.of(of(Map.of("sonnet", BreakerState.CLOSED))), List.of(of(Map.of("tool:web_search", BreakerState.CLOSED))));

        assertThat(check.check()).isEqualTo(HealthStatus.up("all 2 breakers closed"));
    }

    @Test
    void isDegradedWhenAToolBreakerOrOneOfSeveralModelBreakersIsOpen() {
        var check = new BreakerHealthCheck("breakers",
                List.of(of(Map.of("sonnet", BreakerState.OPEN)), of(Map.of("haiku", BreakerState.CLOSED))),
                List.of(of(Map.of("tool:web_search", BreakerState.HALF_OPEN))));

        var status = check.check();

        assertThat(status.state()).isEqualTo(State.DEGRADED);
        assertThat(status.detail()).isEqualTo("sonnet open, tool:web_search half-open");
    }

    @Test
    void isDownWhenEveryModelEndpointsBreakerIsOpen() {
        var check = new BreakerHealthCheck("breakers",
                List.of(of(Map.of("sonnet", BreakerState.OPEN)), of(Map.of("haiku", BreakerState.OPEN))), List.of());

        assertThat(check.check().state()).isEqualTo(State.DOWN);
    }
}
