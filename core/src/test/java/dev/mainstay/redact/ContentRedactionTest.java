package dev.mainstay.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.json.Json;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentRedactionTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:15:30Z");

    @Test
    void aTenantThatAsksForItGetsItsStoredContentRedactedAndOthersDoNot() {
        var redaction = new TenantRedaction(Set.of(), Set.of(),
                Map.of("acme", Set.of(Redactor.Kind.SECRET, Redactor.Kind.PERSONAL)), Map.of());
        var store = new InMemoryJournal();
        var journal = new RedactingJournal(store, redaction);
        for (var tenant : new String[] {"acme", "globex"}) {
            var runId = "run_" + tenant;
            journal.append(Fence.first(runId), new RunOpened(new RunRequest(runId, tenant, "ada",
                    "Email ada@example.org my key sk-ant-" + "api03-abcdefghijklmnop"), "reference", "m", RunLimits.DEFAULTS,
                    AT.plusSeconds(60), AT));
            journal.append(Fence.first(runId), new ToolStep(1, "toolu_1", "read_note",
                    Json.parseObject("{\"title\":\"contacts\"}"), ToolResult.ok("Bob: +44 20 7946 0958"),
                    ToolStep.Resolution.RAN, AT, Duration.ZERO, Optional.empty()));
        }

        var acme = store.read("run_acme").toString();
        var globex = store.read("run_globex").toString();

        assertThat(acme).doesNotContain("ada@example.org", "sk-ant-", "7946").contains("[REDACTED:email]")
                .contains("toolu_1").contains("read_note");
        assertThat(globex).contains("ada@example.org", "7946");
    }

    @Test
    void entriesAppendedTogetherAreRedactedForTheTenantTheOpeningAmongThemNames() {
        var redaction = new TenantRedaction(Set.of(), Set.of(), Map.of("acme", Set.of(Redactor.Kind.PERSONAL)),
                Map.of());
        var store = new InMemoryJournal();
        var journal = new RedactingJournal(store, redaction);

        journal.appendAll(Fence.first("run_1"), java.util.List.of(
                new RunOpened(new RunRequest("run_1", "acme", "ada", "Email ada@example.org"), "reference", "m",
                        RunLimits.DEFAULTS, AT.plusSeconds(60), AT),
                new ToolStep(1, "toolu_1", "read_note", Json.parseObject("{\"title\":\"contacts\"}"),
                        ToolResult.ok("Bob: bob@example.org"), ToolStep.Resolution.RAN, AT, Duration.ZERO,
                        Optional.empty())));

        assertThat(store.read("run_1")).hasSize(2);
        assertThat(store.read("run_1").toString()).doesNotContain("ada@example.org", "bob@example.org")
                .contains("[REDACTED:email]");
    }

    @Test
    void redactsContentButNotIdsOfAnEntry() {
        var step = new ToolStep(1, "toolu_1", "save_note", Json.parseObject("{\"body\":\"ada@example.org\"}"),
                ToolResult.ok("ok"), ToolStep.Resolution.RAN, AT, Duration.ZERO, Optional.empty());

        var json = JournalCodec.toJson(ContentRedaction.redact(step, Redactor.all()));

        assertThat(json.path("input").path("body").asText()).isEqualTo("[REDACTED:email]");
        assertThat(json.path("tool_use_id").asText()).isEqualTo("toolu_1");
    }
}
