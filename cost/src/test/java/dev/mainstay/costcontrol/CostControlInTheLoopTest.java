package dev.mainstay.costcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.cost.Cost;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.journal.Compaction;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.Toolbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The response cache and context compaction in a real agent loop: what the journal and the run's totals show. */
class CostControlInTheLoopTest {
    private static final AgentSpec AGENT = new AgentSpec("test", "You answer questions.", "claude-sonnet-4-5",
            Toolbox.of(), RunLimits.DEFAULTS, false, false);

    private final ScriptedModel provider = new ScriptedModel()
            .otherwise((r, c) -> ScriptedModel.text("Mainstay runs agents in production."));

    @Test
    void aCacheHitIsJournaledAsAModelStepThatCostNothingAndSaysItWasAHit() {
        var cache = new ResponseCacheInterceptor(new ResponseCacheConfig(Duration.ofMinutes(10), 100),
                () -> 0L, new SimpleMeterRegistry());
        var chain = ModelChain.builder(List.of(new ModelEndpoint("primary", "", provider)),
                PriceTable.anthropicDefaults()).add(ModelChain.Slot.CACHE, cache).build();
        try (var loop = AgentLoop.builder(chain).build()) {
            var first = loop.run(AGENT, new RunRequest("run_1", "acme", "ada", "What is Mainstay?")
                    .withCacheResponses(true));
            var second = loop.run(AGENT, new RunRequest("run_2", "acme", "bob", "What is Mainstay?")
                    .withCacheResponses(true));

            assertThat(provider.requests()).hasSize(1);
            assertThat(second.stopReason()).isEqualTo(RunStopReason.COMPLETED);
            assertThat(second.answer()).isEqualTo(first.answer());
            assertThat(second.cost()).isEqualTo(Cost.ZERO);
            assertThat(second.usage()).isEqualTo(Usage.ZERO);
            var step = modelSteps(loop.journal().read("run_2")).getFirst();
            assertThat(step.cacheHit()).isTrue();
            assertThat(step.billed()).isEmpty();
            assertThat(JournalCodec.toJson(step).path("cache_hit").asBoolean()).isTrue();
            assertThat(modelSteps(loop.journal().read("run_1")).getFirst().cacheHit()).isFalse();
            assertThat(first.cost().pricedUsd().signum()).isPositive();
        }
    }

    @Test
    void aLongHistoryIsCompactedBeforeTheFirstCallJournaledWithTheOpeningAndKeptWhole() {
        var chain = ModelChain.direct(provider, PriceTable.anthropicDefaults());
        var summaries = new ScriptedModel().otherwise((r, c) -> ScriptedModel.text("Lisbon, then Porto."));
        var summariser = new ModelSummariser(ModelChain.direct(summaries, PriceTable.anthropicDefaults()),
                "claude-haiku-4-5", 200);
        var budget = ContextBudget.of(1200).withPolicy(Compaction.Policy.SUMMARISE);
        var request = HistoryCompactorTest.inConversation("And tomorrow?");
        try (var loop = AgentLoop.builder(chain)
                .compactor(new HistoryCompactor(budget, Optional.of(summariser))).build()) {
            var result = loop.run(AGENT, request);

            var sent = provider.requests().getFirst().messages();
            // the first turn kept, the later ones summarised (the summary's reserve leaves no room for them), the task
            assertThat(sent).hasSize(5);
            assertThat(sent.subList(0, 2)).isEqualTo(HistoryCompactorTest.HISTORY.subList(0, 2));
            assertThat(sent.get(2).text()).startsWith(HistoryCompactor.SUMMARY_PREFIX).endsWith("Lisbon, then Porto.");
            assertThat(sent.getLast()).isEqualTo(Message.user("And tomorrow?"));
            var opened = (RunOpened) loop.journal().read(request.runId()).getFirst().entry();
            assertThat(opened.request().history()).isEqualTo(HistoryCompactorTest.HISTORY);
            assertThat(opened.compaction()).hasValueSatisfying(c -> {
                assertThat(c.policy()).isEqualTo(Compaction.Policy.SUMMARISE);
                assertThat(c.billed()).hasSize(1);
            });
            // the summary's cost is the run's too
            var summaryCost = opened.compaction().orElseThrow().cost();
            var stepCost = modelSteps(loop.journal().read(request.runId())).getFirst().cost();
            assertThat(result.cost()).isEqualTo(summaryCost.plus(stepCost));

            // a resumed run folds the journaled compaction: it neither summarises again nor sends more
            loop.run(AGENT, request);
            assertThat(summaries.requests()).hasSize(1);
        }
    }

    private static List<ModelStep> modelSteps(List<Recorded> journal) {
        return journal.stream().map(Recorded::entry).filter(ModelStep.class::isInstance).map(ModelStep.class::cast)
                .toList();
    }
}
