package dev.mainstay.costcontrol;

import static dev.mainstay.costcontrol.RoutingRulesTest.afterTool;
import static dev.mainstay.costcontrol.RoutingRulesTest.context;
import static dev.mainstay.costcontrol.RoutingRulesTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Refusal;
import dev.mainstay.testing.ScriptedModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRouterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedModel provider = new ScriptedModel().otherwise((r, c) -> ScriptedModel.text("ok"));

    private ModelChain chain(String rules, ModelInterceptor... below) {
        var builder = ModelChain.builder(List.of(new ModelEndpoint("primary", "", provider)),
                PriceTable.anthropicDefaults())
                .add(ModelChain.Slot.ROUTING, new ModelRouter(RoutingRules.parse(rules), registry));
        for (var link : below) {
            builder.add(ModelChain.Slot.RETRY, link);
        }
        return builder.build();
    }

    @Test
    void theMatchingRuleRewritesTheModelSentAndTheAnswerNamesTheRule() {
        var outcome = chain("tool=web_search=claude-haiku-4-5").call(afterTool("web_search"), context("acme"));

        assertThat(provider.requests()).extracting(ModelRequest::model).containsExactly("claude-haiku-4-5");
        assertThat(((ModelOutcome.Answered) outcome).route()).isEqualTo("tool=web_search");
        assertThat(registry.counter("mainstay.routing.decisions", "rule", "tool=web_search").count()).isEqualTo(1);
    }

    @Test
    void aCallNoRuleMatchesKeepsTheConfiguredModelAndNoRoute() {
        var outcome = chain("tenant=acme=claude-opus-4-5").call(request("hi"), context("globex"));

        assertThat(provider.requests()).extracting(ModelRequest::model).containsExactly("claude-sonnet-4-5");
        assertThat(((ModelOutcome.Answered) outcome).route()).isEmpty();
        assertThat(registry.counter("mainstay.routing.decisions", "rule", "default").count()).isEqualTo(1);
    }

    @Test
    void theRouteSurvivesLinksBelowThatAddFailoversOrBilledAttempts() {
        ModelInterceptor fallback = c -> ((ModelOutcome.Answered) c.proceed(c.request()))
                .withFailovers(List.of(new dev.mainstay.model.Failover("other", "m", "overloaded_error", "busy")))
                .withEarlierBilled(List.of());

        var outcome = chain("tenant=acme=claude-opus-4-5", fallback).call(request("hi"), context("acme"));

        assertThat(((ModelOutcome.Answered) outcome).route()).isEqualTo("tenant=acme");
        assertThat(((ModelOutcome.Answered) outcome).failovers()).hasSize(1);
    }

    @Test
    void aRefusalBelowPassesThroughUnchanged() {
        var refused = new ModelOutcome.Refused(new Refusal("budget", "budget_exceeded", "spent", Refusal.Scope.BUDGET, ""));
        ModelInterceptor budget = c -> refused;

        var outcome = chain("tenant=acme=claude-opus-4-5", budget).call(request("hi"), context("acme"));

        assertThat(outcome).isSameAs(refused);
        assertThat(provider.requests()).isEmpty();
    }
}
