package dev.mainstay.server.internal.http;

import dev.mainstay.server.internal.service.RunService;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.EventLog;
import dev.mainstay.store.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /v1/runs/{id}/events}: the run's events as Server-Sent Events, read from the stored event log, so the
 * stream is the same from any node, for a live run and a finished one. Each event's {@code id} is its per-run
 * sequence number; {@code Last-Event-ID} (or {@code ?after=N}) resumes after it, without a gap or a duplicate. The
 * stream ends after the run's last event once the run has finished, or when this node shuts down (the client then
 * resumes elsewhere). Idle streams get a comment every keep-alive interval.
 *
 * <p>Waiting: a run executing on this node wakes its streams as its events are stored; otherwise a stream polls
 * the log every poll interval.
 */
final class EventsApi {
    static final int PAGE = 500;
    static final int RETRY_MILLIS = 1_000;

    private final RunService runs;
    private final EventLog events;
    private final RunSignals signals;
    private final Duration pollInterval;
    private final Duration keepAlive;
    private final BooleanSupplier stopping;

    EventsApi(RunService runs, EventLog events, RunSignals signals, Duration pollInterval, Duration keepAlive,
            BooleanSupplier stopping) {
        this.runs = runs;
        this.events = events;
        this.signals = signals;
        this.pollInterval = pollInterval;
        this.keepAlive = keepAlive;
        this.stopping = stopping;
    }

    /** GET /v1/runs/{id}/events */
    void stream(Context ctx) throws InterruptedException {
        var caller = Authenticator.principal(ctx);
        var runId = Responses.id(ctx, "id", "run");
        long after = resumePoint(ctx);
        runs.find(caller, runId).orElseThrow(() -> Responses.notFound("run"));
        var res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        try {
            var out = res.getOutputStream();
            write(out, "retry: " + RETRY_MILLIS + "\n\n");
            follow(caller, runId, after, out);
        } catch (IOException e) {
            // the client went away: nothing to do, it resumes with Last-Event-ID
        }
    }

    private void follow(Principal caller, String runId, long after, OutputStream out)
            throws IOException, InterruptedException {
        long lastWrite = System.nanoTime();
        while (!stopping.getAsBoolean()) {
            var ticket = signals.ticket(runId);
            var page = events.after(caller.tenantId(), runId, after, PAGE);
            after = send(out, page, after);
            if (!page.isEmpty()) {
                lastWrite = System.nanoTime();
            }
            if (page.size() == PAGE) {
                continue;
            }
            if (page.isEmpty() && finished(caller, runId)) {
                // a worker stores every event before it finishes the run: what is stored now is all there is
                List<EventLog.StoredEvent> rest;
                do {
                    rest = events.after(caller.tenantId(), runId, after, PAGE);
                    after = send(out, rest, after);
                } while (rest.size() == PAGE);
                return;
            }
            var idle = Duration.ofNanos(System.nanoTime() - lastWrite);
            if (idle.compareTo(keepAlive) >= 0) {
                write(out, ": keep-alive\n\n");
                lastWrite = System.nanoTime();
                continue;
            }
            var untilKeepAlive = keepAlive.minus(idle);
            ticket.await(untilKeepAlive.compareTo(pollInterval) < 0 ? untilKeepAlive : pollInterval);
        }
    }

    private boolean finished(Principal caller, String runId) {
        return runs.find(caller, runId).map(r -> r.status().isFinished()).orElse(true);
    }

    private static long send(OutputStream out, List<EventLog.StoredEvent> page, long after) throws IOException {
        if (page.isEmpty()) {
            return after;
        }
        var text = new StringBuilder();
        for (var event : page) {
            text.append("id: ").append(event.seq()).append('\n')
                    .append("event: ").append(event.type()).append('\n')
                    .append("data: ").append(event.json()).append("\n\n");
            after = event.seq();
        }
        write(out, text.toString());
        return after;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** {@code Last-Event-ID} when sent (a reconnecting EventSource sends it), else {@code ?after}, else 0. */
    private static long resumePoint(Context ctx) {
        for (var name : ctx.queryParamMap().keySet()) {
            if (!name.equals("after")) {
                throw ProblemException.of(ProblemType.INVALID_REQUEST, "unknown query parameter "
                        + name.replaceAll("[^\\x20-\\x7e]", "?") + "; allowed: after");
            }
        }
        var header = ctx.header("Last-Event-ID");
        if (header != null && !header.isBlank()) {
            return sequence(header.trim(), "Last-Event-ID");
        }
        var param = ctx.queryParam("after");
        return param == null ? 0 : sequence(param, "after");
    }

    private static long sequence(String raw, String what) {
        if (raw.matches("\\d{1,18}")) {
            return Long.parseLong(raw);
        }
        throw ProblemException.of(ProblemType.INVALID_REQUEST, what + " must be an event id (a whole number, 0 or "
                + "more) this stream sent");
    }
}
