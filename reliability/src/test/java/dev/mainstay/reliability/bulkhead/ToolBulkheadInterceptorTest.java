package dev.mainstay.reliability.bulkhead;

import static dev.mainstay.reliability.testing.Fixtures.RUN;
import static dev.mainstay.tool.ToolChain.Slot.BULKHEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.testing.FakeTool;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolBulkheadInterceptorTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingListener events = new RecordingListener();

    @Test
    void rejectsCallsBeyondItsLimitWithADegradedResult() throws Exception {
        var bulkhead = new ToolBulkheadInterceptor(new ToolBulkheadConfig(1, Duration.ZERO, Map.of()), events);
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var tool = new FakeTool("web_search", context -> {
            if (started.getCount() > 0) {
                started.countDown();
                release.await();
            }
            return ToolResult.ok("results");
        });
        var first = CompletableFuture.supplyAsync(() -> run(tool, bulkhead), r -> Thread.ofVirtual().start(r));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        var second = tool.runThrough(BULKHEAD, bulkhead, FakeTool.context(clock));

        assertThat(second.degraded()).isTrue();
        assertThat(second.content()).startsWith("web_search is busy right now");
        assertThat(events.events(CallRejected.class)).containsExactly(new CallRejected(RUN, "bulkhead:web_search", "bulkhead_full"));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(ToolResult.ok("results"));
        assertThat(tool.runThrough(BULKHEAD, bulkhead, FakeTool.context(clock))).isEqualTo(ToolResult.ok("results"));
        assertThat(bulkhead.inFlight()).containsEntry("web_search", 0);
    }

    @Test
    void perToolLimitsOverrideTheDefault() {
        var config = new ToolBulkheadConfig(4, Duration.ZERO, Map.of("get_weather", 2));

        assertThat(config.limitFor("get_weather")).isEqualTo(2);
        assertThat(config.limitFor("calculator")).isEqualTo(4);
    }

    private ToolResult run(FakeTool tool, ToolBulkheadInterceptor bulkhead) {
        try {
            return tool.runThrough(BULKHEAD, bulkhead, FakeTool.context(clock));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
