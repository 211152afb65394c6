package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
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
}
