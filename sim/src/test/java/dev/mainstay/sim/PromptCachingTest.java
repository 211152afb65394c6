package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.sim.internal.RequestParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromptCachingTest {
    private static final String LONG_SYSTEM = "You are a careful assistant. ".repeat(40);

    private Simulator simulator;
    private SimHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.fixedText("ok")));
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static ObjectNode withCachedSystem(String question) {
        var root = Json.object().put("model", Requests.MODEL).put("max_tokens", 100);
        root.putArray("system").addObject().put("type", "text").put("text", LONG_SYSTEM)
                .putObject("cache_control").put("type", "ephemeral");
        root.putArray("messages").addObject().put("role", "user").put("content", question);
        return root;
    }

    private JsonNode usage(ObjectNode request) {
        var response = http.postMessages(Json.write(request));
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parse(response.body()).get("usage");
    }

    private static long total(ObjectNode request) {
        return TokenEstimator.estimateInput(RequestParser.parse(Json.write(request).getBytes(), true).request());
    }

    private static long systemPrefix() {
        return TokenEstimator.REQUEST_OVERHEAD + TokenEstimator.estimateSystem(LONG_SYSTEM);
    }

    @Test
    void writesTheCacheOnFirstSightThenReadsIt() {
        var first = usage(withCachedSystem("What is 2+2?"));
        var second = usage(withCachedSystem("And what is 3+3, please?"));

        assertThat(first.get("cache_creation_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(first.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(first.get("input_tokens").asLong()).isEqualTo(total(withCachedSystem("What is 2+2?")) - systemPrefix());
        assertThat(second.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(second.get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(second.get("input_tokens").asLong())
                .isEqualTo(total(withCachedSystem("And what is 3+3, please?")) - systemPrefix());
    }

    @Test
    void reportsTheStreamedUsageTheSameWay() {
        usage(withCachedSystem("warm up"));
        var events = SimHttp.events(http.postMessages(Json.write(withCachedSystem("again").put("stream", true))).body());

        var startUsage = events.getFirst().json().get("message").get("usage");
        assertThat(startUsage.get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(events.get(events.size() - 2).json().get("usage").get("cache_read_input_tokens").asLong())
                .isEqualTo(systemPrefix());
    }

    @Test
    void readsTheLongestKnownPrefixAndWritesOnlyTheNewPart() {
        usage(withCachedSystem("first question"));
        var longer = withCachedSystem("first question");
        var messages = longer.withArray("messages");
        messages.addObject().put("role", "assistant").put("content", "ok");
        var marked = messages.addObject().put("role", "user").putArray("content").addObject();
        marked.put("type", "text").put("text", "second question").putObject("cache_control").put("type", "ephemeral");

        var result = usage(longer);

        long all = total(longer);
        assertThat(result.get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(result.get("cache_creation_input_tokens").asLong()).isEqualTo(all - systemPrefix());
        assertThat(result.get("input_tokens").asLong()).isZero();
    }

    @Test
    void keepsCachesApartPerModelAndForgetsThemWhenCleared() {
        usage(withCachedSystem("q"));
        var otherModel = withCachedSystem("q").put("model", "claude-haiku-4-5");
        assertThat(usage(otherModel).get("cache_creation_input_tokens").asLong()).isEqualTo(systemPrefix());

        simulator.clearPromptCache();

        assertThat(usage(withCachedSystem("q")).get("cache_read_input_tokens").asLong()).isZero();
    }

    @Test
    void reportsNoCacheTokensWithoutMarkers() {
        var request = Requests.base(Requests.MODEL, false);
        usage(request);
        var usage = usage(request);

        assertThat(usage.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(usage.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(total(request));
    }
}
