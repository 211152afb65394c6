package dev.mainstay.costcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.journal.Compaction;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.TextBlock;
import dev.mainstay.run.RunRequest;
import dev.mainstay.testing.ScriptedModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryCompactorTest {
    static final List<Message> HISTORY = List.of(
            Message.user("Plan a trip to Lisbon " + "x".repeat(2000)), answer("Day one: " + "a".repeat(2000)),
            Message.user("What about Porto? " + "y".repeat(2000)), answer("Porto: " + "b".repeat(2000)),
            Message.user("And Faro?"), answer("Faro is sunny."));
    private final ScriptedModel cheap = new ScriptedModel().otherwise((r, c) -> ScriptedModel.text(
            "The user plans a trip: Lisbon, then Porto."));
    private final ModelChain chain = ModelChain.direct(cheap, PriceTable.anthropicDefaults());

    static RunRequest inConversation(String task) {
        return new RunRequest("run_9", "acme", "ada", task, "conv_1", HISTORY);
    }

    @Test
    void truncationDropsTheOldestTurnsButTheFirstAndCallsNoModel() {
        var compactor = new HistoryCompactor(ContextBudget.of(1200), Optional.empty());

        var compaction = compactor.compact(inConversation("And tomorrow?"), RoutingRulesTest.context("acme"))
                .orElseThrow();

        assertThat(compaction.policy()).isEqualTo(Compaction.Policy.TRUNCATE);
        assertThat(compaction.from()).isEqualTo(2);
        assertThat(compaction.to()).isEqualTo(4);
        assertThat(compaction.replacement()).isEmpty();
        assertThat(compaction.tokensAfter()).isLessThanOrEqualTo(1200).isLessThan(compaction.tokensBefore());
        assertThat(compaction.cost().pricedUsd().signum()).isZero();
    }

    @Test
    void summarisingAsksTheCheapModelAndReplacesTheOldTurnsWithTheSummaryExchange() {
        var budget = ContextBudget.of(1200).withPolicy(Compaction.Policy.SUMMARISE).withKeepFirstTurn(false);
        var compactor = new HistoryCompactor(budget, Optional.of(new ModelSummariser(chain, "claude-haiku-4-5",
                200)));

        var compaction = compactor.compact(inConversation("And tomorrow?"), RoutingRulesTest.context("acme"))
                .orElseThrow();

        assertThat(cheap.requests()).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("claude-haiku-4-5");
            assertThat(r.tools()).isEmpty();
            assertThat(r.messages()).singleElement().extracting(Message::text).asString()
                    .contains("user: Plan a trip to Lisbon", "assistant: Day one");
        });
        assertThat(compaction.policy()).isEqualTo(Compaction.Policy.SUMMARISE);
        assertThat(compaction.from()).isZero();
        assertThat(compaction.replacement()).extracting(Message::text).containsExactly(
                HistoryCompactor.SUMMARY_PREFIX + "The user plans a trip: Lisbon, then Porto.", "Understood.");
        assertThat(compaction.billed()).hasSize(1);
        assertThat(compaction.cost().pricedUsd().signum()).isPositive();
        assertThat(compaction.apply(HISTORY).getLast()).isEqualTo(HISTORY.getLast());
    }

    @Test
    void aSummaryThatCannotBeWrittenFallsBackToTruncation() {
        var failing = new ScriptedModel().otherwise((r, c) -> {
            throw new ModelApiException(529, dev.mainstay.model.ApiErrorType.OVERLOADED, "Overloaded",
                    dev.mainstay.model.ResponseHeaders.EMPTY, "req_1", false, false);
        });
        var budget = ContextBudget.of(1200).withPolicy(Compaction.Policy.SUMMARISE);
        var compactor = new HistoryCompactor(budget, Optional.of(new ModelSummariser(
                ModelChain.direct(failing, PriceTable.anthropicDefaults()), "claude-haiku-4-5", 200)));

        var compaction = compactor.compact(inConversation("And tomorrow?"), RoutingRulesTest.context("acme"))
                .orElseThrow();

        assertThat(compaction.policy()).isEqualTo(Compaction.Policy.TRUNCATE);
        assertThat(compaction.replacement()).isEmpty();
    }

    @Test
    void theBudgetIsReadWithItsDefaultsAndEveryBadFieldIsListed() {
        assertThat(ContextBudget.fromEnv(Map.of())).isEmpty();
        assertThat(ContextBudget.parse("off")).isEmpty();
        assertThat(ContextBudget.parse("8000")).contains(ContextBudget.of(8000));
        assertThat(ContextBudget.parse("tokens=8000,policy=summarise,keep_first=false,model=claude-haiku-4-5,"
                + "summary_tokens=300")).contains(new ContextBudget(8000, Compaction.Policy.SUMMARISE, false,
                        "claude-haiku-4-5", 300));

        assertThatThrownBy(() -> ContextBudget.parse("tokens=12,policy=shred,keep_first=maybe"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .map(ConfigProblem::message).hasSize(3)
                        .allSatisfy(m -> assertThat(m).contains("MAINSTAY_CONTEXT_BUDGET"))
                        .anySatisfy(m -> assertThat(m).contains("'12'"))
                        .anySatisfy(m -> assertThat(m).contains("shred"))
                        .anySatisfy(m -> assertThat(m).contains("maybe")));
        assertThatThrownBy(() -> ContextBudget.parse("policy=truncate")).hasMessageContaining("tokens=N");
    }

    private static Message answer(String text) {
        return Message.assistant(List.of(new TextBlock(text)));
    }
}
