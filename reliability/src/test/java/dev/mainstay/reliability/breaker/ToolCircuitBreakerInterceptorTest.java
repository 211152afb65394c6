package dev.mainstay.reliability.breaker;

import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.tool.ToolChain.Slot.BREAKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.reliability.event.ReliabilityEvent.ToolDegraded;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolTimedOut;
import dev.mainstay.reliability.testing.FakeTool;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import dev.mainstay.tool.ToolResult;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ToolCircuitBreakerInterceptorTest {
    private static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.DEFAULT
            .withSlidingWindow(4, 2)
            .withWaitDurationInOpenState(Duration.ofSeconds(10))
            .withPermittedCallsInHalfOpenState(1);

    private final FakeClock clock = new FakeClock();
    private final RecordingListener events = new RecordingListener();
    private final ToolCircuitBreakerInterceptor breaker = new ToolCircuitBreakerInterceptor(CONFIG, clock, events);

    @Test
    void anInfrastructureFailureIsAnsweredWithADegradedResult() throws Exception {
        var tool = new FakeTool("web_search", context -> {
            throw new IOException("connect timed out to search backend");
        });

        var result = tool.runThrough(BREAKER, breaker, FakeTool.context(clock));

        assertThat(result.degraded()).isTrue();
        assertThat(result.content()).isEqualTo("web_search is unavailable right now (it failed); answer without it");
        assertThat(events.events(ToolDegraded.class)).containsExactly(new ToolDegraded(RUN, "web_search", "tool_failed"));
    }

    @Test
    void aCallThatFinishesAfterItsDeadlineCountsAsATimeout() throws Exception {
        var deadline = Deadline.after(Duration.ofSeconds(5), clock);
        var tool = new FakeTool("get_weather", context -> {
            clock.advance(Duration.ofSeconds(6));
            return ToolResult.ok("sunny, but too late");
        });
        tool.runThrough(BREAKER, breaker, FakeTool.context(deadline));
        tool.runThrough(BREAKER, breaker, FakeTool.context(Deadline.after(Duration.ofSeconds(5), clock)));

        assertThat(breaker.state("get_weather")).isEqualTo(BreakerState.OPEN);
        assertThat(events.events(ToolTimedOut.class)).hasSize(2);
    }

    @Test
    void aCallInterruptedAtItsDeadlineCountsAsATimeoutAndOneInterruptedByACancelDoesNot() throws Exception {
        var timedOut = new FakeTool("web_search", context -> {
            clock.advance(Duration.ofSeconds(6));
            throw new InterruptedException("interrupted by the loop at the deadline");
        });
        var cancelled = new FakeTool("save_note", context -> {
            throw new InterruptedException("interrupted: the run was cancelled");
        });

        for (int i = 0; i < 2; i++) {
            var deadline = Deadline.after(Duration.ofSeconds(5), clock);
            assertThatThrownBy(() -> timedOut.runThrough(BREAKER, breaker, FakeTool.context(deadline)))
                    .isInstanceOf(InterruptedException.class);
            assertThatThrownBy(() -> cancelled.runThrough(BREAKER, breaker, FakeTool.context(clock)))
                    .isInstanceOf(InterruptedException.class);
        }

        assertThat(breaker.state("web_search")).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.state("save_note")).isEqualTo(BreakerState.CLOSED);
        assertThat(events.events(ToolTimedOut.class)).extracting(ToolTimedOut::tool).containsOnly("web_search");
    }

    @Test
    void anOpenToolBreakerReturnsADegradedResultWithoutRunningTheTool() throws Exception {
        var tool = new FakeTool("get_weather", context -> ToolResult.timedOut("get_weather", Duration.ofSeconds(5)));
        tool.runThrough(BREAKER, breaker, FakeTool.context(clock));
        tool.runThrough(BREAKER, breaker, FakeTool.context(clock));

        var result = tool.runThrough(BREAKER, breaker, FakeTool.context(clock));

        assertThat(result).isEqualTo(
                ToolResult.degraded("get_weather is unavailable right now (circuit open); answer without it"));
        assertThat(tool.calls()).isEqualTo(2);
        assertThat(breaker.state("get_weather")).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.states()).containsEntry("tool:get_weather", BreakerState.OPEN);
    }

    @Test
    void ordinaryErrorResultsAreSuccessesForTheBreaker() throws Exception {
        var tool = new FakeTool("calculator", context -> ToolResult.error("division by zero"));

        for (var i = 0; i < 10; i++) {
            assertThat(tool.runThrough(BREAKER, breaker, FakeTool.context(clock))).isEqualTo(ToolResult.error("division by zero"));
        }

        assertThat(breaker.state("calculator")).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aBugIsRecordedAndRethrownNotHidden() throws Exception {
        var tool = new FakeTool("save_note", context -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(() -> tool.runThrough(BREAKER, breaker, FakeTool.context(clock))).hasMessage("bug");
        assertThatThrownBy(() -> tool.runThrough(BREAKER, breaker, FakeTool.context(clock))).hasMessage("bug");
        assertThat(breaker.state("save_note")).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void breakersAreKeptPerTool() throws Exception {
        var broken = new FakeTool("web_search", context -> {
            throw new IOException("down");
        });
        var healthy = new FakeTool("calculator", context -> ToolResult.ok("4"));
        broken.runThrough(BREAKER, breaker, FakeTool.context(clock));
        broken.runThrough(BREAKER, breaker, FakeTool.context(clock));

        assertThat(healthy.runThrough(BREAKER, breaker, FakeTool.context(clock))).isEqualTo(ToolResult.ok("4"));
        assertThat(breaker.state("web_search")).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.state("calculator")).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void unavailableBackendResultsOpenTheBreakerAndReachTheModelUnchanged() throws Exception {
        var down = ToolResult.unavailable("weather service unavailable: HTTP 503");
        var tool = new FakeTool("get_weather", context -> down);

        assertThat(tool.runThrough(BREAKER, breaker, FakeTool.context(clock))).isEqualTo(down);
        assertThat(tool.runThrough(BREAKER, breaker, FakeTool.context(clock))).isEqualTo(down);
        var third = tool.runThrough(BREAKER, breaker, FakeTool.context(clock));

        assertThat(third).isEqualTo(
                ToolResult.degraded("get_weather is unavailable right now (circuit open); answer without it"));
        assertThat(tool.calls()).isEqualTo(2);
        assertThat(breaker.state("get_weather")).isEqualTo(BreakerState.OPEN);
        assertThat(events.events(ToolDegraded.class)).containsExactly(new ToolDegraded(RUN, "get_weather", "circuit_open"));
    }

    @Test
    void aBackendThatRecoversClosesTheBreakerAfterItsWaitOnTheClock() throws Exception {
        var backendUp = new boolean[] {false};
        var tool = new FakeTool("get_weather", context -> backendUp[0]
                ? ToolResult.ok("{\"temperature\":14}")
                : ToolResult.unavailable("weather service unavailable: connection failed"));
        tool.runThrough(BREAKER, breaker, FakeTool.context(clock));
        tool.runThrough(BREAKER, breaker, FakeTool.context(clock));
        assertThat(breaker.state("get_weather")).isEqualTo(BreakerState.OPEN);

        backendUp[0] = true;
        clock.advance(Duration.ofSeconds(11));

        assertThat(tool.runThrough(BREAKER, breaker, FakeTool.context(clock))).isEqualTo(ToolResult.ok("{\"temperature\":14}"));
        assertThat(breaker.state("get_weather")).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void degradedResultsOfInnerPoliciesAreNotCountedEitherWay() throws Exception {
        var tool = new FakeTool("web_search", context -> ToolResult.degraded("web_search is busy right now"));

        for (var i = 0; i < 10; i++) {
            tool.runThrough(BREAKER, breaker, FakeTool.context(clock));
        }

        assertThat(breaker.state("web_search")).isEqualTo(BreakerState.CLOSED);
        assertThat(tool.calls()).isEqualTo(10);
    }
}
