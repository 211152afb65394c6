package dev.mainstay.reliability.retry.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the calls that failed after streaming content to the caller, by run, so that the run's next call —
 * the agent loop's restart of that stream, the only thing a loop does after such a failure besides stopping — is
 * counted as a retry of the same logical call: it continues its attempt count and takes a token from the retry
 * budget, instead of starting afresh as a first attempt. That keeps one retry layer in fact, with the loop's
 * restart inside it.
 *
 * <p>Bounded: entries older than {@link #TTL} are dropped, and at most {@link #MAX_ENTRIES} are kept (a run that
 * never calls again leaves its entry until then). Thread-safe.
 */
public final class StreamRestarts {
    /** How long a broken stream waits for its restart to count as one. */
    public static final Duration TTL = Duration.ofMinutes(10);
    /** The most broken streams remembered at once. */
    public static final int MAX_ENTRIES = 10_000;

    /** A broken stream: which endpoint it was on, how many attempts it had used, and when it broke. */
    public record Broken(String endpoint, int attempts, String code, Instant at) {}

    private final ConcurrentHashMap<String, Broken> byRun = new ConcurrentHashMap<>();
    private final InstantSource clock;

    public StreamRestarts(InstantSource clock) {
        this.clock = clock;
    }

    /** Run {@code runId}'s call to {@code endpoint} broke off after delivering content, at attempt {@code attempts}. */
    public void remember(String runId, String endpoint, int attempts, String code) {
        var now = clock.instant();
        if (byRun.size() >= MAX_ENTRIES) {
            byRun.values().removeIf(b -> b.at().plus(TTL).isBefore(now));
            if (byRun.size() >= MAX_ENTRIES) {
                byRun.clear(); // a flood of broken streams: forgetting costs at most an uncounted restart each
            }
        }
        byRun.put(runId, new Broken(endpoint, attempts, code, now));
    }

    /**
     * The broken stream this call of {@code runId} to {@code endpoint} restarts, if any; it is forgotten. A call of
     * the run to another endpoint leaves it in place.
     */
    public Optional<Broken> take(String runId, String endpoint) {
        var broken = byRun.get(runId);
        if (broken == null || !broken.endpoint().equals(endpoint)) {
            return Optional.empty();
        }
        byRun.remove(runId, broken);
        return broken.at().plus(TTL).isBefore(clock.instant()) ? Optional.empty() : Optional.of(broken);
    }

    /** The run's call was answered: any broken stream of it is over. */
    public void forget(String runId) {
        byRun.remove(runId);
    }
}
