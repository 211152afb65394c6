package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.Usage;
import org.junit.jupiter.api.Test;

/**
 * Every usage field the Messages API reports reaches Mainstay's {@link Usage} once: from a whole message and from a
 * stream's {@code message_start} and cumulative {@code message_delta} usage, read from the SDK's own JSON.
 */
class UsageMappingTest {
    private static Message message(String usageJson) throws Exception {
        return ObjectMappers.jsonMapper().readValue("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-5-5",
                 "content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":%s}""".formatted(usageJson), Message.class);
    }

    private static RawMessageStreamEvent event(String json) throws Exception {
        return ObjectMappers.jsonMapper().readValue(json, RawMessageStreamEvent.class);
    }

    @Test
    void aMessageKeepsEveryKindOfTokenAndTheServerTools() throws Exception {
        var response = ResponseMapper.toResponse(message("""
                {"input_tokens":812,"output_tokens":95,"cache_creation_input_tokens":2000,
                 "cache_read_input_tokens":4096,
                 "cache_creation":{"ephemeral_5m_input_tokens":500,"ephemeral_1h_input_tokens":1500},
                 "server_tool_use":{"web_search_requests":3,"web_fetch_requests":1},
                 "service_tier":"standard"}"""), "req_1");

        assertThat(response.usage()).isEqualTo(new Usage(812, 95, 500, 1500, 4096, 3, 1));
        assertThat(response.usage().cacheCreationInputTokens()).isEqualTo(2000);
    }

    @Test
    void aCacheWriteTotalWithoutItsSplitCountsAsFiveMinuteWrites() throws Exception {
        var response = ResponseMapper.toResponse(message("""
                {"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":1200,
                 "cache_read_input_tokens":0}"""), "req_1");

        assertThat(response.usage()).isEqualTo(new Usage(10, 5, 1200, 0, 0, 0, 0));
    }

    @Test
    void aSplitThatDoesNotAddUpToTheTotalCountsTheRestAsFiveMinuteWritesNeverTwice() throws Exception {
        var response = ResponseMapper.toResponse(message("""
                {"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":1200,
                 "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":1000}}"""), "req_1");

        assertThat(response.usage()).isEqualTo(new Usage(10, 5, 200, 1000, 0, 0, 0));
    }

    @Test
    void aMessageWithOnlyTheRequiredCountsHasNoCacheOrServerTools() throws Exception {
        var response = ResponseMapper.toResponse(message("{\"input_tokens\":7,\"output_tokens\":3}"), "req_1");

        assertThat(response.usage()).isEqualTo(new Usage(7, 3, 0, 0));
    }

    @Test
    void aStreamTakesMessageStartsUsageAndTheCumulativeTotalsOfMessageDelta() throws Exception {
        var stream = new StreamAccumulator(StreamObserver.NONE);
        stream.accept(event("""
                {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant",
                 "model":"claude-sonnet-5-5","content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":812,"output_tokens":1,"cache_creation_input_tokens":2000,
                  "cache_read_input_tokens":4096,
                  "cache_creation":{"ephemeral_5m_input_tokens":500,"ephemeral_1h_input_tokens":1500}}}}"""));
        stream.accept(event("""
                {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""));
        stream.accept(event("""
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Porto: 16 °C."}}"""));
        stream.accept(event("{\"type\":\"content_block_stop\",\"index\":0}"));
        // message_delta: cumulative output and server tools; the cache counts repeated, without the split
        stream.accept(event("""
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                 "usage":{"output_tokens":95,"input_tokens":812,"cache_creation_input_tokens":2000,
                  "cache_read_input_tokens":4096,"server_tool_use":{"web_search_requests":2}}}"""));
        stream.accept(event("{\"type\":\"message_stop\"}"));

        assertThat(stream.response("req_2").usage()).isEqualTo(new Usage(812, 95, 500, 1500, 4096, 2, 0));
    }

    @Test
    void aDeltaThatSendsTheSplitReplacesIt() throws Exception {
        var start = new Usage(100, 1, 0, 300, 0, 0, 0);
        var delta = event("""
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                 "usage":{"output_tokens":40,"cache_creation_input_tokens":900,
                  "cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":800}}}""")
                .asMessageDelta().usage();

        assertThat(StreamAccumulator.delta(start, delta)).isEqualTo(new Usage(100, 40, 100, 800, 0, 0, 0));
    }

    @Test
    void aStreamCutAfterMessageStartIsBilledForItsInputAndCacheTokens() throws Exception {
        var stream = new StreamAccumulator(StreamObserver.NONE);
        stream.accept(event("""
                {"type":"message_start","message":{"id":"msg_3","type":"message","role":"assistant",
                 "model":"claude-sonnet-5-5","content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":50,"output_tokens":1,"cache_creation_input_tokens":700,
                  "cache_read_input_tokens":9000,
                  "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":700}}}}"""));

        assertThat(stream.billedSoFar()).isEqualTo(new Usage(50, 1, 0, 700, 9000, 0, 0));
    }
}
