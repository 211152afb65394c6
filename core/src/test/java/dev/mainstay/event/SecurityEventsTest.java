package dev.mainstay.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.policy.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityEventsTest {
    private static final EventMeta META = new EventMeta("run_1", "acme", 7, Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void securityEventsHaveAStableJsonForm() {
        var decided = EventCodec.toJson(new PolicyDecided(META, 2, "toolu_1", "send_message",
                new Verdict.Deny("controlled_argument", "argument 'to' of send_message", false)));
        var applied = EventCodec.toJson(new ApprovalApplied(META, 2, "toolu_2", "save_note", true, "ada"));
        var suspected = EventCodec.toJson(new InjectionSuspected(META, 1, "toolu_3", "web_search", 1.7,
                List.of("override_instructions", "urgency")));

        assertThat(decided.toString()).isEqualTo("{\"v\":1,\"type\":\"policy_decided\",\"seq\":7,\"run_id\":\"run_1\","
                + "\"at\":\"2026-12-07T10:00:00Z\",\"step\":2,\"tool_use_id\":\"toolu_1\",\"tool\":\"send_message\","
                + "\"verdict\":\"deny\",\"rule\":\"controlled_argument\",\"reason\":\"argument 'to' of send_message\","
                + "\"ends_run\":false}");
        assertThat(applied.path("decision").asText()).isEqualTo("approve");
        assertThat(applied.path("by").asText()).isEqualTo("ada");
        assertThat(suspected.path("signals")).hasSize(2);
        assertThat(EventCodec.type(new ApprovalApplied(META, 2, "t", "x", false, "ada"))).isEqualTo("approval_applied");
    }

    @Test
    void decisionsApprovalsAndSuspectedInjectionsAreCounted() {
        var registry = new SimpleMeterRegistry();
        var listener = new MicrometerRunListener(registry);

        listener.onEvent(new PolicyDecided(META, 1, "t1", "send_message",
                new Verdict.NeedsApproval("unplanned_side_effect", "r")));
        listener.onEvent(new PolicyDecided(META, 1, "t2", "send_message",
                new Verdict.NeedsApproval("unplanned_side_effect", "r")));
        listener.onEvent(new ApprovalApplied(META, 2, "t1", "send_message", false, "ada"));
        listener.onEvent(new InjectionSuspected(META, 1, "t0", "web_search", 2.0, List.of("task_hijack")));

        assertThat(registry.get("mainstay.policy.decisions").tag("verdict", "needs_approval")
                .tag("rule", "unplanned_side_effect").counter().count()).isEqualTo(2);
        assertThat(registry.get("mainstay.policy.approvals").tag("decision", "deny").counter().count()).isEqualTo(1);
        assertThat(registry.get("mainstay.security.injection.suspected").tag("tool", "web_search").counter().count())
                .isEqualTo(1);
    }
}
