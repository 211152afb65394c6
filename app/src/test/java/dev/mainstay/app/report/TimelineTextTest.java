package dev.mainstay.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.Failover;
import dev.mainstay.model.Usage;
import dev.mainstay.server.RunTimeline;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineTextTest {
    @Test
    void drawsEachStepAsABarPlacedAndSizedByItsTimeInTheRunNamingTheNodeThatRanIt() {
        var model = new RunTimeline.Entry(1, "model", "claude-sonnet-4-5", Duration.ZERO, Duration.ofMillis(1000),
                new Usage(100, 20, 0, 900), Cost.usd(new BigDecimal("0.0042")),
                List.of(new Failover("anthropic:claude-opus-4-1", "claude-opus-4-1", "overloaded_error", "529")),
                Optional.empty(), "tool_use");
        var tool = new RunTimeline.Entry(1, "tool", "get_weather", Duration.ofMillis(1000), Duration.ofMillis(1500),
                Usage.ZERO, Cost.ZERO, List.of(), Optional.of(new StepError("timeout", "timed out")), "error", 0, "",
                "worker-b");
        var answer = new RunTimeline.Entry(2, "model", "claude-sonnet-4-5", Duration.ofMillis(1500),
                Duration.ofMillis(2000), new Usage(10, 5, 0, 0), Cost.usd(new BigDecimal("0.0001")), List.of(),
                Optional.empty(), "end_turn", 0, "tool=get_weather");
        var timeline = new RunTimeline("run_1", Instant.parse("2026-12-07T10:00:00Z"),
                Optional.of(Duration.ofMillis(250)), Optional.of(Duration.ofMillis(2000)), List.of(model, tool, answer));

        var lines = TimelineText.render(timeline).lines().toList();

        assertThat(lines.getFirst()).isEqualTo("Timeline (queued 250ms before it started)");
        assertThat(lines.get(1)).contains("step", "call", "2.0s");
        var bars = lines.subList(2, 5).stream().map(l -> l.substring(l.indexOf('|') + 1, l.lastIndexOf('|'))).toList();
        assertThat(bars).allSatisfy(bar -> assertThat(bar).hasSize(TimelineText.WIDTH));
        assertThat(bars.get(0)).startsWith("█".repeat(20)).endsWith(" ".repeat(20));
        assertThat(bars.get(1)).startsWith(" ".repeat(20) + "▒").contains("▒".repeat(10));
        assertThat(bars.get(2)).endsWith("█".repeat(10)).startsWith(" ".repeat(30));
        assertThat(lines.get(2)).contains("model claude-sonnet-4-5", "1.0s", "in 1000 out 20", "(cache read 900)",
                "$0.004200", "fell back from anthropic:claude-opus-4-1 (overloaded_error)");
        assertThat(lines.get(3)).contains("tool  get_weather", "500ms", "error timeout").endsWith("on worker-b");
        assertThat(lines.get(2)).doesNotContain(" on ");
        assertThat(lines.get(4)).contains("routed by tool=get_weather");
        assertThat(lines.get(2)).doesNotContain("routed by");
    }
}
