package dev.mainstay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelChainTest {
    private final ScriptedModel provider = new ScriptedModel().then(ScriptedModel.text("hi"));
    private final List<ModelEndpoint> endpoints = List.of(new ModelEndpoint("primary", "claude-sonnet-4-5", provider));

    private static CallContext context() {
        return new CallContext("run_1", "default", "user_1", 1, Deadline.none(InstantSource.system()),
                Cancellation.NEVER, StreamObserver.NONE);
    }

    private static ModelRequest request() {
        return new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user("hi")), List.of(), 100, false, false);
    }

    @Test
    void linksRunInSlotOrderAndThePriceIsComputedInsideTheChain() {
        var seen = new ArrayList<String>();
        ModelInterceptor budget = chain -> {
            seen.add("budget");
            var outcome = chain.proceed(chain.request());
            if (outcome instanceof ModelOutcome.Answered answered) {
                seen.add("settled " + answered.cost().usd().isPresent());
            }
            return outcome;
        };
        ModelInterceptor retry = chain -> {
            seen.add("retry at " + chain.context().endpoint());
            return chain.proceed(chain.request());
        };
        var chain = ModelChain.builder(endpoints, PriceTable.anthropicDefaults())
                .add(ModelChain.Slot.BUDGET, budget).add(ModelChain.Slot.RETRY, retry).build();

        var outcome = chain.call(request(), context());

        assertThat(outcome).isInstanceOf(ModelOutcome.Answered.class);
        assertThat(seen).containsExactly("budget", "retry at primary", "settled true");
        assertThat(chain.slots()).containsExactly(ModelChain.Slot.BUDGET, ModelChain.Slot.RETRY);
        assertThat(chain.toString()).isEqualTo("budget → retry → provider");
    }

    @Test
    void slotsOutOfOrderAreRefusedWhenTheChainIsBuilt() {
        var builder = ModelChain.builder(endpoints, PriceTable.anthropicDefaults())
                .add(ModelChain.Slot.RETRY, chain -> chain.proceed(chain.request()));

        assertThatThrownBy(() -> builder.add(ModelChain.Slot.FALLBACK, chain -> chain.proceed(chain.request())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FALLBACK").hasMessageContaining("RETRY");
    }

    @Test
    void theAnswerKeepsTheModelTheProviderReported() {
        var dated = new ScriptedModel().then((r, c) -> new ModelResponse("msg_1", "claude-sonnet-4-5-20250929",
                List.of(new TextBlock("hi")), StopReason.END_TURN, new Usage(10, 10, 0, 0), "req"));
        var chain = ModelChain.builder(List.of(new ModelEndpoint("e", "claude-sonnet-4-5", dated)),
                PriceTable.anthropicDefaults()).build();

        var answered = (ModelOutcome.Answered) chain.call(request(), context());

        assertThat(answered.response().model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(answered.cost().usd()).isPresent();
    }
}
