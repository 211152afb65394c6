package dev.mainstay.costcontrol;

import static dev.mainstay.costcontrol.RoutingRulesTest.afterTool;
import static dev.mainstay.costcontrol.RoutingRulesTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.Usage;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseCacheInterceptorTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final ScriptedModel provider = new ScriptedModel()
            .otherwise((r, c) -> ScriptedModel.text("answer " + (r.messages().size() + r.model().length())));
    private final ResponseCacheInterceptor cache = new ResponseCacheInterceptor(
            new ResponseCacheConfig(Duration.ofMinutes(10), 3), nanos::get, registry);
    private final ModelChain chain = ModelChain.builder(List.of(new ModelEndpoint("primary", "", provider)),
            PriceTable.anthropicDefaults()).add(ModelChain.Slot.CACHE, cache).build();

    static CallContext cacheable(String tenant) {
        return new CallContext("run_1", tenant, "user_1", 1, Deadline.none(InstantSource.system()),
                Cancellation.NEVER, StreamObserver.NONE, CallContext.NO_ENDPOINT, true);
    }

    private double lookups(String outcome) {
        return registry.counter("mainstay.response_cache.lookups", "outcome", outcome).count();
    }

    @Test
    void anIdenticalCacheableRequestIsAnsweredFromTheCacheAtNoCostAndMarkedAsAHit() {
        var first = (ModelOutcome.Answered) chain.call(request("What is Mainstay?"), cacheable("acme"));
        var second = (ModelOutcome.Answered) chain.call(request("What is Mainstay?"), cacheable("acme"));

        assertThat(provider.requests()).hasSize(1);
        assertThat(first.cacheHit()).isFalse();
        assertThat(first.cost().pricedUsd().signum()).isPositive();
        assertThat(second.cacheHit()).isTrue();
        assertThat(second.response()).isEqualTo(first.response());
        assertThat(second.cost()).isEqualTo(Cost.ZERO);
        assertThat(second.usage()).isEqualTo(Usage.ZERO);
        assertThat(second.billed()).isEmpty();
        assertThat(lookups("miss")).isEqualTo(1);
        assertThat(lookups("hit")).isEqualTo(1);
    }

    @Test
    void oneTenantNeverSeesAnotherTenantsAnswers() {
        chain.call(request("What is Mainstay?"), cacheable("acme"));
        var other = (ModelOutcome.Answered) chain.call(request("What is Mainstay?"), cacheable("globex"));

        assertThat(other.cacheHit()).isFalse();
        assertThat(provider.requests()).hasSize(2);
    }

    @Test
    void aRunThatDidNotOptInPassesThroughAndStoresNothing() {
        var plain = RoutingRulesTest.context("acme");

        chain.call(request("What is Mainstay?"), plain);
        chain.call(request("What is Mainstay?"), plain);
        var afterwards = (ModelOutcome.Answered) chain.call(request("What is Mainstay?"), cacheable("acme"));

        assertThat(provider.requests()).hasSize(3);
        assertThat(afterwards.cacheHit()).isFalse();
        assertThat(lookups("bypass")).isEqualTo(2);
    }

    @Test
    void anAnswerExpiresItsTtlAfterItWasWritten() {
        chain.call(request("What is Mainstay?"), cacheable("acme"));
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(((ModelOutcome.Answered) chain.call(request("What is Mainstay?"), cacheable("acme"))).cacheHit())
                .isTrue();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        var expired = (ModelOutcome.Answered) chain.call(request("What is Mainstay?"), cacheable("acme"));

        assertThat(expired.cacheHit()).isFalse();
        assertThat(provider.requests()).hasSize(2);
    }

    @Test
    void theCacheHoldsNoMoreThanItsMaximumOfAnswers() {
        for (int i = 0; i < 10; i++) {
            chain.call(request("question " + i), cacheable("acme"));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(registry.get("mainstay.response_cache.entries").gauge().value()).isLessThanOrEqualTo(3);
    }

    @Test
    void anyDifferenceTheModelWouldSeeIsAMissButStreamingAndPromptCachingAreNot() {
        var base = request("What is Mainstay?");
        chain.call(base, cacheable("acme"));

        assertThat(hit(base.withModel("claude-haiku-4-5"))).isFalse();
        assertThat(hit(base.withMaxTokens(200))).isFalse();
        assertThat(hit(new ModelRequest(base.model(), "Be terse.", base.messages(), base.tools(), base.maxTokens(),
                false, false))).isFalse();
        assertThat(hit(base.withStream(true))).isTrue();
        assertThat(hit(new ModelRequest(base.model(), base.system(), base.messages(), base.tools(), base.maxTokens(),
                false, true))).isTrue();
    }

    @Test
    void everyComponentOfAModelRequestIsEitherInTheKeyOrLeftOutOnPurpose() {
        // a new request field (a temperature, say) fails here until it is decided whether it joins the key
        var components = Arrays.stream(ModelRequest.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();
        var classified = new HashSet<>(ResponseCacheKey.KEYED);
        classified.addAll(ResponseCacheKey.UNKEYED);

        assertThat(classified).containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void anAnswerThatAsksForToolsIsNotStoredForItsToolUseIdsAreIdempotencyKeys() {
        var tools = new ScriptedModel().otherwise((r, c) -> ScriptedModel.toolUse(
                ScriptedModel.use("toolu_1", "save_note", java.util.Map.of("title", "Milk"))));
        var toolChain = ModelChain.builder(List.of(new ModelEndpoint("primary", "", tools)),
                PriceTable.anthropicDefaults()).add(ModelChain.Slot.CACHE, cache).build();

        toolChain.call(afterTool("web_search"), cacheable("acme"));
        var again = (ModelOutcome.Answered) toolChain.call(afterTool("web_search"), cacheable("acme"));

        assertThat(again.cacheHit()).isFalse();
        assertThat(tools.requests()).hasSize(2);
    }

    @Test
    void aRefusalOrAPausedTurnIsNotStored() {
        var odd = new ScriptedModel().then(ScriptedModel.withStop("I can't help with that.", StopReason.REFUSAL))
                .then(ScriptedModel.withStop("Searching…", StopReason.PAUSE_TURN))
                .otherwise((r, c) -> ScriptedModel.text("fine"));
        var oddChain = ModelChain.builder(List.of(new ModelEndpoint("primary", "", odd)),
                PriceTable.anthropicDefaults()).add(ModelChain.Slot.CACHE, cache).build();

        oddChain.call(request("q"), cacheable("acme"));
        oddChain.call(request("q"), cacheable("acme"));
        oddChain.call(request("q"), cacheable("acme"));

        assertThat(odd.requests()).hasSize(3);
    }

    @Test
    void aHitReplaysTheTextToAStreamingCaller() {
        chain.call(request("What is Mainstay?"), cacheable("acme"));
        var deltas = new ArrayList<String>();
        var blocks = new ArrayList<ContentBlock>();
        var observer = new StreamObserver() {
            @Override
            public void onTextDelta(int index, String text) {
                deltas.add(index + ":" + text);
            }

            @Override
            public void onBlockComplete(int index, ContentBlock block) {
                blocks.add(block);
            }
        };

        var hit = (ModelOutcome.Answered) chain.call(request("What is Mainstay?").withStream(true),
                cacheable("acme").withObserver(observer));

        assertThat(hit.cacheHit()).isTrue();
        assertThat(deltas).containsExactly("0:" + hit.response().text());
        assertThat(blocks).containsExactlyElementsOf(hit.response().content());
    }

    private boolean hit(ModelRequest request) {
        return ((ModelOutcome.Answered) chain.call(request, cacheable("acme"))).cacheHit();
    }
}
