package dev.mainstay.store.internal;

import dev.mainstay.store.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Token buckets in {@code rate_buckets}, each take one upsert: the refill ({@code tokens + elapsed × rate}, capped
 * at the burst), the take when the tokens asked for are there (all or none), and whether they were — returned by the same statement, so
 * concurrent takes on any node are applied one after another by the row's lock and none is lost.
 */
final class DbRateLimits implements RateLimits {
    private final Database db;
    private final String sql;
    /**
     * Every request of one API key updates the same row, and a row lock is held until the commit is flushed: with
     * a synchronous commit, a burst on one key queues behind one WAL flush per request and starves the pool. A token
     * bucket is not a record anyone relies on after a crash (losing the last milliseconds of takes only lets a few
     * more requests through), so on PostgreSQL its transactions commit asynchronously; everything else stays
     * synchronous.
     */
    private final boolean asyncCommit;

    DbRateLimits(Database db) {
        this.db = db;
        var d = db.dialect();
        this.asyncCommit = d == Dialect.POSTGRESQL;
        // the bucket refilled up to now, capped at the burst
        var refilled = d.least(":burst", "rate_buckets.tokens + " + d.greatest("0", ":now - rate_buckets.updated_at")
                + " * :perNano");
        this.sql = """
                INSERT INTO rate_buckets (bucket_key, tokens, allowed, updated_at)
                VALUES (:key, :burst - :take, TRUE, :now)
                ON CONFLICT (bucket_key) DO UPDATE SET
                  tokens = CASE WHEN %1$s >= :take THEN %1$s - :take ELSE %1$s END,
                  allowed = (%1$s >= :take),
                  updated_at = %2$s
                RETURNING tokens, allowed""".formatted(refilled, d.greatest("rate_buckets.updated_at", ":now"));
    }

    @Override
    public Optional<Duration> tryAcquire(String key, double perSecond, int burst, int tokens, Instant now) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and burst");
        }
        if (tokens < 1 || tokens > burst) {
            throw new IllegalArgumentException("take 1 to " + burst + " tokens, not " + tokens);
        }
        double perNano = perSecond / 1e9;
        record Take(double tokens, boolean allowed) {}
        var take = db.write("take a request token", h -> {
            if (asyncCommit) {
                h.execute("SET LOCAL synchronous_commit TO OFF");
            }
            return h.createQuery(sql)
                    .bind("key", key).bind("burst", (double) burst).bind("now", Values.nanos(now))
                    .bind("perNano", perNano).bind("take", (double) tokens)
                    .map((rows, ctx) -> new Take(rows.getDouble(1), rows.getBoolean(2))).one();
        });
        if (take.allowed()) {
            return Optional.empty();
        }
        long waitNanos = (long) Math.ceil((tokens - take.tokens()) / perNano);
        return Optional.of(Duration.ofNanos(Math.max(1, waitNanos)));
    }
}
