package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTimelineTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static ModelStep step(int n, String route) {
        var usage = new Usage(10, 5, 0, 0);
        return new ModelStep(n, "claude-haiku-4-5", 1, Optional.of(new ModelResponse("msg_" + n, "claude-haiku-4-5",
                List.of(new TextBlock("ok")), StopReason.END_TURN, usage, "req_" + n)), usage, Cost.ZERO, List.of(),
                AT, Duration.ofMillis(100), Optional.empty(), List.of(), "", route);
    }

    @Test
    void aModelCallShowsTheRoutingRuleThatChoseItsModelAndNullWhenNoneDid() {
        var run = new RunRecord("run_1", "acme", "ada", Optional.empty(), "task", RunLimits.DEFAULTS,
                RunStatus.SUCCEEDED, Optional.empty(), Optional.empty(), Optional.empty(), Usage.ZERO, Cost.ZERO, AT,
                Optional.of(AT), Optional.of(AT.plusSeconds(1)), 1, Optional.empty(), Optional.empty(), false, 1,
                Optional.empty());

        var timeline = RunTimeline.of(run,
                List.of(new Recorded(1, step(1, "tenant=acme")), new Recorded(2, step(2, ""))));

        assertThat(timeline.entries()).extracting(RunTimeline.Entry::route).containsExactly("tenant=acme", "");
        var entries = timeline.toJson().path("entries");
        assertThat(entries.get(0).path("route").asText()).isEqualTo("tenant=acme");
        assertThat(entries.get(1).path("route").isNull()).isTrue();
        var document = RunDocument.full(run, List.of(new Recorded(1, step(1, "tenant=acme"))));
        assertThat(document.path("steps").get(0).path("route").asText()).isEqualTo("tenant=acme");
    }

    @Test
    void aResponseCacheHitIsAModelCallThatCostNothingMarkedAsAHitAndACompactionComesFirst() {
        var run = new RunRecord("run_1", "acme", "ada", Optional.of("conv_1"), "And tomorrow?", RunLimits.DEFAULTS,
                RunStatus.SUCCEEDED, Optional.empty(), Optional.empty(), Optional.empty(), Usage.ZERO, Cost.ZERO, AT,
                Optional.of(AT), Optional.of(AT.plusSeconds(1)), 1, Optional.empty(), Optional.empty(), false, 1,
                Optional.empty());
        var history = List.of(dev.mainstay.model.Message.user("Weather in Lisbon?"),
                dev.mainstay.model.Message.assistant(List.of(new TextBlock("18 °C."))),
                dev.mainstay.model.Message.user("And Porto?"),
                dev.mainstay.model.Message.assistant(List.of(new TextBlock("16 °C."))));
        var opened = new RunOpened(new dev.mainstay.run.RunRequest("run_1", "acme", "ada", "And tomorrow?", "conv_1",
                history, true), "reference", "claude-sonnet-4-5", RunLimits.DEFAULTS, AT.plusSeconds(120), AT,
                Optional.of(dev.mainstay.journal.Compaction.truncated(0, 2, 900, 400)));
        var stored = new ModelResponse("msg_1", "claude-haiku-4-5", List.of(new TextBlock("ok")), StopReason.END_TURN,
                new Usage(10, 5, 0, 0), "req_1");
        var hit = new ModelStep(1, "claude-haiku-4-5", 3, Optional.of(stored), Usage.ZERO, Cost.ZERO, List.of(), AT,
                Duration.ofMillis(1), Optional.empty(), List.of(), "", "", true);

        var timeline = RunTimeline.of(run, List.of(new Recorded(1, opened), new Recorded(2, hit)));

        var entries = timeline.toJson().path("entries");
        assertThat(entries.get(0).path("kind").asText()).isEqualTo("compaction");
        assertThat(entries.get(0).path("name").asText()).isEqualTo("truncate");
        assertThat(entries.get(0).path("step").asInt()).isZero();
        assertThat(entries.get(0).path("detail").asText()).contains("0-1 of 4", "dropped");
        assertThat(entries.get(1).path("kind").asText()).isEqualTo("model");
        assertThat(entries.get(1).path("cache_hit").asBoolean()).isTrue();
        assertThat(entries.get(1).path("cost_usd").decimalValue().signum()).isZero();
        assertThat(entries.get(1).path("usage").path("input_tokens").asInt()).isZero();
        var document = RunDocument.full(run, List.of(new Recorded(1, opened), new Recorded(2, hit)));
        assertThat(document.path("steps").get(0).path("cache_hit").asBoolean()).isTrue();
    }
}
