package dev.mainstay.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The usage one {@code /v1/messages} response reported, read straight from its bytes by the benchmark, with no
 * Mainstay code: the Messages API's rules as documented. A message's {@code usage}; for a stream,
 * {@code message_start}'s usage with each {@code message_delta}'s cumulative counts replacing it. Cache writes: the
 * {@code cache_creation} split when sent, and any part of {@code cache_creation_input_tokens} the split does not
 * cover is a 5-minute write.
 */
record RawUsage(String model, long input, long output, long write5m, long write1h, long read, long webSearches) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static RawUsage of(RecordingProxy.Exchange exchange) {
        try {
            if (!exchange.streamed()) {
                var message = JSON.readTree(exchange.body());
                return empty(message.path("model").asText()).with(message.path("usage"));
            }
            RawUsage usage = null;
            for (var line : exchange.body().split("\n")) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                var event = JSON.readTree(line.substring(5).trim());
                switch (event.path("type").asText()) {
                    case "message_start" -> usage = empty(event.path("message").path("model").asText())
                            .with(event.path("message").path("usage"));
                    case "message_delta" -> usage = usage.with(event.path("usage"));
                    default -> {
                        // content events carry no usage
                    }
                }
            }
            if (usage == null) {
                throw new IllegalStateException("a stream without message_start");
            }
            return usage;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawUsage empty(String model) {
        return new RawUsage(model, 0, 0, 0, 0, 0, 0);
    }

    /** This usage with every count {@code usage} reports replacing the one known. */
    private RawUsage with(JsonNode usage) {
        long in = count(usage, "input_tokens", input);
        long out = count(usage, "output_tokens", output);
        long cacheRead = count(usage, "cache_read_input_tokens", read);
        long oneHour = write1h;
        long fiveMinute = write5m;
        var split = usage.path("cache_creation");
        if (split.isObject()) {
            oneHour = split.path("ephemeral_1h_input_tokens").asLong(0);
            fiveMinute = split.path("ephemeral_5m_input_tokens").asLong(0);
        }
        if (usage.hasNonNull("cache_creation_input_tokens")) {
            long total = usage.path("cache_creation_input_tokens").asLong();
            oneHour = Math.min(oneHour, total);
            fiveMinute = total - oneHour;
        }
        long searches = usage.path("server_tool_use").has("web_search_requests")
                ? usage.path("server_tool_use").path("web_search_requests").asLong() : webSearches;
        return new RawUsage(model, in, out, fiveMinute, oneHour, cacheRead, searches);
    }

    private static long count(JsonNode usage, String field, long otherwise) {
        return usage.hasNonNull(field) ? usage.path(field).asLong() : otherwise;
    }
}
