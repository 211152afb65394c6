package dev.mainstay.bench.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the canned Messages API server answers, and how it tells the two turns of the reference run apart.
 *
 * <p>Turn one (no {@code tool_result} in the request) is answered with a short text and two {@code tool_use} blocks,
 * {@code calculator} and {@code get_weather}; turn two (both tool results present) with the final text. A request
 * that is neither — tools not declared, system prompt missing, tool results wrong — gets a 400 naming what is
 * wrong, so a stack that skips a tool or mangles its result fails loudly instead of being measured.
 *
 * <p>Bodies are rendered per response (ids are unique per response, like the real API's); the wire format follows
 * the Messages API, including the SSE event sequence of a streamed message. Thread-safe; stateless.
 */
final class CannedReplies {
    static final String FIRST_TEXT = "I'll work out 17.5% of 2340 and check the weather in Lisbon at the same time.";
    static final String CALCULATOR_INPUT = "{\"expression\":\"17.5 * 2340 / 100\"}";
    static final String WEATHER_INPUT = "{\"location\":\"Lisbon\"}";
    static final String FINAL_TEXT = "17.5% of 2340 is 409.5. In Lisbon it is 21.5 C with a clear sky, wind at 12 km/h"
            + " and 64% humidity; tomorrow reaches 23.0 C with no rain expected.";
    /** A phrase of the system prompt: proves the stack sent it. */
    static final String SYSTEM_MARKER = "operations assistant of a mid-sized logistics company";
    /** What the second request must hold: the calculator's result and a field of the weather tool's JSON. */
    static final List<String> TOOL_RESULT_MARKERS = List.of("409.5", "temperature_c");

    private static final Pattern STREAM_TRUE = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final int TEXT_DELTA_CHARS = 18;

    /** How a request was understood. */
    sealed interface Turn {
        record First() implements Turn {}

        record Final() implements Turn {}

        record Invalid(String problem) implements Turn {}
    }

    private CannedReplies() {}

    static boolean wantsStream(String body) {
        return STREAM_TRUE.matcher(body).find();
    }

    static Turn classify(String body) {
        int toolResults = count(body, "\"tool_result\"");
        if (!body.contains(SYSTEM_MARKER)) {
            return new Turn.Invalid("the reference system prompt is missing");
        }
        if (!body.contains("\"" + ReferenceRun.CALCULATOR + "\"") || !body.contains("\"" + ReferenceRun.WEATHER + "\"")) {
            return new Turn.Invalid("both reference tools must be declared");
        }
        if (toolResults == 0) {
            return body.contains("17.5% of 2340") ? new Turn.First() : new Turn.Invalid("the reference task is missing");
        }
        if (toolResults < 2) {
            return new Turn.Invalid("expected 2 tool results, got " + toolResults);
        }
        for (var marker : TOOL_RESULT_MARKERS) {
            if (!body.contains(marker)) {
                return new Turn.Invalid("a tool result lacks '" + marker + "': did the tool run?");
            }
        }
        return new Turn.Final();
    }

    static byte[] json(Turn turn, long seq) {
        var content = switch (turn) {
            case Turn.First f -> "[" + textBlock(FIRST_TEXT) + ","
                    + toolUseBlock(calculatorId(seq), ReferenceRun.CALCULATOR, CALCULATOR_INPUT) + ","
                    + toolUseBlock(weatherId(seq), ReferenceRun.WEATHER, WEATHER_INPUT) + "]";
            case Turn.Final f -> "[" + textBlock(FINAL_TEXT) + "]";
            case Turn.Invalid i -> throw new IllegalArgumentException("no reply for an invalid request");
        };
        var body = "{\"id\":\"" + messageId(seq) + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                + ReferenceRun.MODEL + "\",\"content\":" + content + ",\"stop_reason\":\"" + stopReason(turn)
                + "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens(turn)
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":"
                + outputTokens(turn) + "}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The SSE events of a streamed answer, one element per event, each ending in a blank line. */
    static List<byte[]> sse(Turn turn, long seq) {
        var events = new ArrayList<String>();
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + messageId(seq)
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + ReferenceRun.MODEL
                + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
                + inputTokens(turn) + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":1}}}"));
        events.add(event("ping", "{\"type\":\"ping\"}"));
        switch (turn) {
            case Turn.First f -> {
                textEvents(events, 0, FIRST_TEXT);
                toolUseEvents(events, 1, calculatorId(seq), ReferenceRun.CALCULATOR, CALCULATOR_INPUT);
                toolUseEvents(events, 2, weatherId(seq), ReferenceRun.WEATHER, WEATHER_INPUT);
            }
            case Turn.Final f -> textEvents(events, 0, FINAL_TEXT);
            case Turn.Invalid i -> throw new IllegalArgumentException("no reply for an invalid request");
        }
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + stopReason(turn) + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens(turn)
                + "}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
    }

    static byte[] error(int status, String type, String message) {
        return ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":" + quote(message) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void textEvents(List<String> events, int index, String text) {
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (int start = 0; start < text.length(); start += TEXT_DELTA_CHARS) {
            var piece = text.substring(start, Math.min(text.length(), start + TEXT_DELTA_CHARS));
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(piece) + "}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }

    private static void toolUseEvents(List<String> events, int index, String id, String name, String input) {
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"input\":{}}}"));
        int half = input.length() / 2;
        for (var piece : List.of(input.substring(0, half), input.substring(half))) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + quote(piece) + "}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String textBlock(String text) {
        return "{\"type\":\"text\",\"text\":" + quote(text) + "}";
    }

    private static String toolUseBlock(String id, String name, String input) {
        return "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":" + input + "}";
    }

    private static String stopReason(Turn turn) {
        return turn instanceof Turn.First ? "tool_use" : "end_turn";
    }

    private static int inputTokens(Turn turn) {
        return turn instanceof Turn.First ? 642 : 836;
    }

    private static int outputTokens(Turn turn) {
        return turn instanceof Turn.First ? 94 : 47;
    }

    private static String messageId(long seq) {
        return "msg_bench_" + seq;
    }

    private static String calculatorId(long seq) {
        return "toolu_bench_" + seq + "_calc";
    }

    private static String weatherId(long seq) {
        return "toolu_bench_" + seq + "_weather";
    }

    static String quote(String text) {
        var out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
