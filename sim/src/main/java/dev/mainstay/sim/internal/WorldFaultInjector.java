package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.sim.WorldFaults;
import dev.mainstay.sim.WorldFaults.WorldRoute;
import dev.mainstay.sim.WorldStats;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Injects the current {@link WorldFaults} into the fake world's routes and counts what each request got. Every
 * request consumes exactly one draw of a generator seeded from the simulator's seed (so the same seed and the same
 * sequence of world requests give the same faults), placed on consecutive intervals: {@code [0, failure/2)} → 500,
 * {@code [failure/2, failure)} → 503, {@code [failure, failure + hang)} → hang. A hang holds the request on its
 * virtual thread until the client gives up, the simulator closes or {@link MessagesEndpoint#MAX_HANG} passes, then
 * drops the connection without an answer. Thread-safe.
 */
public final class WorldFaultInjector {
    /** Keeps the world's fault draws independent of the Messages API's, which split the seed itself. */
    private static final long SEED_SALT = 0x9E3779B97F4A7C15L;

    private final AtomicReference<WorldFaults> faults = new AtomicReference<>(WorldFaults.NONE);
    private final Holds holds;
    private final SplittableRandom random;
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public WorldFaultInjector(long seed, Holds holds) {
        this.holds = Objects.requireNonNull(holds, "holds");
        this.random = new SplittableRandom(seed ^ SEED_SALT);
    }

    public void set(WorldFaults newFaults) {
        faults.set(Objects.requireNonNull(newFaults, "faults"));
    }

    public WorldFaults get() {
        return faults.get();
    }

    /**
     * Draws this request's fault and applies it. Returns true when the fault answered (or held and dropped) the
     * request, so the route must not answer it; false when the route should answer normally.
     */
    public boolean inject(Context ctx, WorldRoute route) {
        var routeFaults = faults.get().of(route);
        double u = draw();
        if (u < routeFaults.failureRate()) {
            int status = u < routeFaults.failureRate() / 2 ? 500 : 503;
            count(route, Integer.toString(status));
            ctx.status(status).contentType("application/json").result(Json.write(Json.object()
                    .put("error", true).put("reason", "simulated " + route.key() + " backend failure")));
            return true;
        }
        if (u < routeFaults.failureRate() + routeFaults.hangRate()) {
            count(route, WorldStats.HANG);
            hang(ctx);
            return true;
        }
        count(route, WorldStats.SERVED);
        return false;
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private void hang(Context ctx) {
        long polls = MessagesEndpoint.MAX_HANG.dividedBy(MessagesEndpoint.HANG_POLL);
        try (var hold = holds.open()) {
            for (long i = 0; i < polls && !hold.await(MessagesEndpoint.HANG_POLL) && !Connections.isClientGone(ctx);
                    i++) {
                // keep holding
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: drop the connection below
        } finally {
            Connections.abort(ctx);
        }
    }

    private void count(WorldRoute route, String outcome) {
        counts.computeIfAbsent(route.key() + "." + outcome, k -> new LongAdder()).increment();
    }

    public WorldStats stats() {
        var snapshot = new HashMap<String, Long>();
        counts.forEach((key, count) -> snapshot.put(key, count.sum()));
        return new WorldStats(snapshot);
    }

    public void resetStats() {
        counts.clear();
    }
}
