package dev.mainstay.sim.internal;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as the Messages API writes it: {@code event: NAME}, {@code data: JSON}, blank line.
 *
 * @param name the event name, equal to the data's {@code type}
 * @param data the JSON payload on one line
 * @param outputTokens the output tokens this event carries (for per-token latency); 0 for framing events
 */
public record SseEvent(String name, String data, long outputTokens) {
    public byte[] bytes() {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    public boolean isContentDelta() {
        return "content_block_delta".equals(name);
    }
}
