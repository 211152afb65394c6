package dev.mainstay.sim.internal;

import dev.mainstay.sim.Latency;
import dev.mainstay.time.Sleeper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes an SSE event sequence to the client, one flushed event at a time, waiting the per-token latency before
 * each content delta and applying the drawn fault: an {@code overloaded_error} event after about half of the
 * content deltas, a cut after N events (never including {@code message_stop}), or one event with truncated JSON.
 * A client that disconnects ends the write quietly.
 */
final class StreamWriter {
    private final Context ctx;
    private final Sleeper sleeper;
    private final Latency latency;

    StreamWriter(Context ctx, Sleeper sleeper, Latency latency) {
        this.ctx = ctx;
        this.sleeper = sleeper;
        this.latency = latency;
    }

    void write(List<SseEvent> events, Fault fault) throws InterruptedException {
        var response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        try {
            var out = response.getOutputStream();
            switch (fault) {
                case Fault.MidStreamOverload overload -> {
                    int failAfter = midStreamFailurePoint(events);
                    send(out, events.subList(0, failAfter + 1));
                    send(out, List.of(MessageJson.errorEvent("overloaded_error", "Overloaded")));
                }
                case Fault.Cut cut -> {
                    int count = Math.min(cut.afterEvents(), events.size() - 1);
                    send(out, events.subList(0, count));
                    Connections.abort(ctx);
                }
                case Fault.Malformed malformed -> {
                    int broken = firstDeltaOr(events, 0);
                    send(out, events.subList(0, broken));
                    var event = events.get(broken);
                    var data = event.data().substring(0, event.data().length() / 2);
                    send(out, List.of(new SseEvent(event.name(), data, 0)));
                }
                default -> send(out, events);
            }
        } catch (IOException e) {
            // the client went away; nothing is left to tell it
        }
    }

    private void send(OutputStream out, List<SseEvent> events) throws IOException, InterruptedException {
        for (var event : events) {
            if (event.outputTokens() > 0) {
                sleeper.sleep(latency.forOutputTokens(event.outputTokens()));
            }
            out.write(event.bytes());
            out.flush();
        }
    }

    /** The index of the event after which the error goes: the middle content delta, or message_start if none. */
    static int midStreamFailurePoint(List<SseEvent> events) {
        var deltas = new java.util.ArrayList<Integer>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).isContentDelta()) {
                deltas.add(i);
            }
        }
        return deltas.isEmpty() ? 0 : deltas.get((deltas.size() - 1) / 2);
    }

    private static int firstDeltaOr(List<SseEvent> events, int fallback) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).isContentDelta()) {
                return i;
            }
        }
        return fallback;
    }
}
