package dev.mainstay.reliability.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.reliability.event.ReliabilityEvent.ToolTimedOut;
import dev.mainstay.reliability.testing.FakeTool;
import dev.mainstay.reliability.testing.RecordingListener;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.time.Deadline;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ToolDeadlineInterceptorTest {
    private final InstantSource clock = InstantSource.system(); // this interceptor waits in real time
    private final RecordingListener events = new RecordingListener();
    private final ToolDeadlineInterceptor deadlines = new ToolDeadlineInterceptor(events);

    @Test
    void aToolThatOutlivesItsDeadlineIsInterruptedAndReportedAsTimedOut() throws Exception {
        var release = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var tool = new FakeTool("get_weather", Duration.ofMillis(50), context -> {
            try {
                release.await();
                return ToolResult.ok("sunny");
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });

        var result = tool.runThrough(deadlines, FakeTool.context(clock));

        assertThat(ToolDeadlineInterceptor.isTimeout("get_weather", result)).isTrue();
        assertThat(result.content()).startsWith("get_weather timed out after ");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the tool's thread was interrupted").isTrue();
        assertThat(events.events(ToolTimedOut.class)).hasSize(1);
    }

    @Test
    void theToolSeesTheEarlierOfItsTimeoutAndTheRunDeadline() throws Exception {
        var seen = new AtomicReference<Deadline>();
        var tool = new FakeTool("calculator", Duration.ofSeconds(30), context -> {
            seen.set(context.deadline());
            return ToolResult.ok("4");
        });
        var runDeadline = Deadline.after(Duration.ofMinutes(10), clock);

        assertThat(tool.runThrough(deadlines, FakeTool.context(runDeadline))).isEqualTo(ToolResult.ok("4"));
        assertThat(seen.get().at()).isBefore(runDeadline.at());
    }

    @Test
    void aToolIsNotStartedOnceTheRunDeadlineHasPassed() throws Exception {
        var tool = new FakeTool("calculator", context -> ToolResult.ok("4"));
        var expired = new Deadline(clock.instant().minusSeconds(1), clock);

        var result = tool.runThrough(deadlines, FakeTool.context(expired));

        assertThat(result).isEqualTo(ToolResult.error("calculator was not run: the run's deadline has passed"));
        assertThat(tool.calls()).isZero();
    }

    @Test
    void theToolsOwnExceptionPassesThrough() {
        var tool = new FakeTool("save_note", context -> {
            throw new IllegalArgumentException("bad note");
        });

        assertThatThrownBy(() -> tool.runThrough(deadlines, FakeTool.context(clock))).hasMessage("bad note");
    }

    @Test
    void cancellingTheRunInterruptsTheTool() throws Exception {
        var started = new CountDownLatch(1);
        var cancellation = new CancellationSource();
        var tool = new FakeTool("web_search", Duration.ofMinutes(1), context -> {
            started.countDown();
            new CountDownLatch(1).await();
            return ToolResult.ok("never");
        });
        var context = new ToolContext("run_1", "default", "user_1", 1, Deadline.none(clock), cancellation);
        Thread.ofVirtual().start(() -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancellation.cancel();
        });

        var result = tool.runThrough(deadlines, context);

        assertThat(result).isEqualTo(ToolResult.error("web_search was cancelled"));
    }
}
