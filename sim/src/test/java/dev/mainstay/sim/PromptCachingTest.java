package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.sim.internal.RequestParser;
import dev.mainstay.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's prompt cache follows the Messages API's rules: prefix match (with the 20-block look-back), the
 * minimum cacheable length per model, TTL expiry on the simulator's clock (refreshed by every read), the 5-minute /
 * 1-hour split of writes in {@code cache_creation}, and at most four markers.
 */
class PromptCachingTest {
    /** About 1,160 tokens: above the 1,024 minimum of the Sonnets, below the 4,096 of Haiku 4.5. */
    private static final String LONG_SYSTEM = "You are a careful assistant. ".repeat(160);
    private static final String SHORT_SYSTEM = "You are a careful assistant. ".repeat(40);

    private final FakeClock clock = new FakeClock();
    private Simulator simulator;
    private SimHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.fixedText("ok")), clock);
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static ObjectNode withCachedSystem(String system, String ttl, String question) {
        var root = Json.object().put("model", Requests.MODEL).put("max_tokens", 100);
        var marker = root.putArray("system").addObject().put("type", "text").put("text", system)
                .putObject("cache_control").put("type", "ephemeral");
        if (ttl != null) {
            marker.put("ttl", ttl);
        }
        root.putArray("messages").addObject().put("role", "user").put("content", question);
        return root;
    }

    private static ObjectNode withCachedSystem(String question) {
        return withCachedSystem(LONG_SYSTEM, null, question);
    }

    /** Appends a user turn whose one text block carries a 5-minute marker when {@code marked}. */
    private static ObjectNode addUserTurn(ObjectNode request, String text, boolean marked) {
        var messages = request.withArray("messages");
        if (!messages.isEmpty()) {
            messages.addObject().put("role", "assistant").put("content", "ok");
        }
        var block = messages.addObject().put("role", "user").putArray("content").addObject();
        block.put("type", "text").put("text", text);
        if (marked) {
            block.putObject("cache_control").put("type", "ephemeral");
        }
        return request;
    }

    private JsonNode usage(ObjectNode request) {
        var response = http.postMessages(Json.write(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).get("usage");
    }

    private static long total(ObjectNode request) {
        return TokenEstimator.estimateInput(RequestParser.parse(Json.write(request).getBytes(), true).request());
    }

    private static long systemPrefix(String system) {
        return TokenEstimator.REQUEST_OVERHEAD + TokenEstimator.estimateSystem(system);
    }

    private static long systemPrefix() {
        return systemPrefix(LONG_SYSTEM);
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
        var longer = addUserTurn(withCachedSystem("first question"), "second question", true);

        var result = usage(longer);

        long all = total(longer);
        assertThat(result.get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(result.get("cache_creation_input_tokens").asLong()).isEqualTo(all - systemPrefix());
        assertThat(result.get("input_tokens").asLong()).isZero();
    }

    @Test
    void findsThePreviousCallsEntryWithinTwentyBlocksBeforeAMarkerButNotFurther() {
        var first = addUserTurn(withCachedSystem(LONG_SYSTEM, null, "q0"), "turn one", true);
        usage(first);
        long firstPrefix = total(first);

        var near = withCachedSystem(LONG_SYSTEM, null, "q0");
        addUserTurn(near, "turn one", false);
        addUserTurn(near, "turn two", true); // 2 blocks after the previous call's marker
        assertThat(usage(near).get("cache_read_input_tokens").asLong()).isEqualTo(firstPrefix);

        var far = Json.object().put("model", Requests.MODEL).put("max_tokens", 100);
        addUserTurn(far, LONG_SYSTEM, true); // long enough to be cached on its own
        usage(far);
        long farPrefix = total(far);
        ((ObjectNode) far.withArray("messages").get(0).get("content").get(0)).remove("cache_control");
        for (int i = 0; i < 11; i++) { // 22 blocks: past the look-back
            addUserTurn(far, "filler " + i, false);
        }
        addUserTurn(far, "last", true);
        var result = usage(far);
        assertThat(result.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(result.get("cache_creation_input_tokens").asLong()).isEqualTo(total(far));
        assertThat(farPrefix).isLessThan(total(far));
    }

    @Test
    void aPrefixBelowTheModelsMinimumIsNeitherWrittenNorRead() {
        var shortOnSonnet = withCachedSystem(SHORT_SYSTEM, null, "q");
        usage(shortOnSonnet);
        var again = usage(shortOnSonnet);
        assertThat(again.get("cache_creation_input_tokens").asLong()).isZero();
        assertThat(again.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(again.get("input_tokens").asLong()).isEqualTo(total(shortOnSonnet));

        var longOnHaiku = withCachedSystem("q").put("model", "claude-haiku-4-5"); // its minimum is 4,096
        usage(longOnHaiku);
        assertThat(usage(longOnHaiku).get("cache_read_input_tokens").asLong()).isZero();
        assertThat(usage(withCachedSystem("q")).get("cache_creation_input_tokens").asLong())
                .as("the same prefix is cacheable on Sonnet").isEqualTo(systemPrefix());
    }

    @Test
    void anEntryExpiresAfterItsTtlOnTheSimulatorsClockAndEveryReadStartsItAgain() {
        usage(withCachedSystem("q"));
        clock.advance(Duration.ofMinutes(4));
        assertThat(usage(withCachedSystem("q")).get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());
        clock.advance(Duration.ofMinutes(4)); // 8 minutes after the write, 4 after the read
        assertThat(usage(withCachedSystem("q")).get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());

        clock.advance(Duration.ofMinutes(5));

        var expired = usage(withCachedSystem("q"));
        assertThat(expired.get("cache_read_input_tokens").asLong()).isZero();
        assertThat(expired.get("cache_creation_input_tokens").asLong()).isEqualTo(systemPrefix());
    }

    @Test
    void splitsWritesByTtlAndAnHourLongEntryOutlivesAFiveMinuteOne() {
        var request = addUserTurn(withCachedSystem(LONG_SYSTEM, "1h", "q"), "follow-up", true);

        var first = usage(request);
        long all = total(request);
        assertThat(first.get("cache_creation").get("ephemeral_1h_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(first.get("cache_creation").get("ephemeral_5m_input_tokens").asLong())
                .isEqualTo(all - systemPrefix());
        assertThat(first.get("cache_creation_input_tokens").asLong()).isEqualTo(all);

        clock.advance(Duration.ofMinutes(30));

        var later = usage(request);
        assertThat(later.get("cache_read_input_tokens").asLong()).isEqualTo(systemPrefix());
        assertThat(later.get("cache_creation").get("ephemeral_5m_input_tokens").asLong())
                .isEqualTo(all - systemPrefix());
        assertThat(later.get("cache_creation").get("ephemeral_1h_input_tokens").asLong()).isZero();
    }

    @Test
    void refusesAnHourLongMarkerAfterAFiveMinuteOne() {
        var request = withCachedSystem(LONG_SYSTEM, null, "q");
        request.withArray("messages").removeAll();
        request.withArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "text").put("text", "q")
                .putObject("cache_control").put("type", "ephemeral").put("ttl", "1h");

        var response = http.postMessages(Json.write(request));

        assertThat(response.statusCode()).isEqualTo(400);
        var error = Json.parse(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("ttl='1h' must not come after");
    }

    @Test
    void keepsCachesApartPerModelAndForgetsThemWhenCleared() {
        usage(withCachedSystem("q"));
        var otherModel = withCachedSystem("q").put("model", "claude-sonnet-4-6");
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
