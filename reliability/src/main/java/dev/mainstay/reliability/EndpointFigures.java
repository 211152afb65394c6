package dev.mainstay.reliability;

/**
 * What the reliability links did for one endpoint, counted since start-up; subtract two snapshots
 * ({@link #minus}) for a period. The figures an SRE needs to tell a retry storm from a healthy fallback.
 *
 * @param firstAttempts calls sent to the endpoint for the first time (restarts of broken streams and retries not
 *     included)
 * @param retries retries sent to it, each paid from its retry budget (a run's restart of a broken stream included)
 * @param budgetDenials retries its budget refused
 * @param skipped calls sent on to the next endpoint without spending retries here: breaker open, rate-limited,
 *     budget spent, at the concurrency limit
 * @param rateLimitProbes requests let through to find out whether a rate limit was over
 * @param rateLimitsRecorded 429s with a reset hint that marked the endpoint limited
 */
public record EndpointFigures(long firstAttempts, long retries, long budgetDenials, long skipped,
        long rateLimitProbes, long rateLimitsRecorded) {
    public static final EndpointFigures ZERO = new EndpointFigures(0, 0, 0, 0, 0, 0);

    /** Retries per first attempt: the extra load retries put on the endpoint; 0 without first attempts. */
    public double retriesPerFirstAttempt() {
        return firstAttempts == 0 ? 0 : (double) retries / firstAttempts;
    }

    /** These counts minus {@code earlier}'s: what happened between two snapshots. */
    public EndpointFigures minus(EndpointFigures earlier) {
        return new EndpointFigures(firstAttempts - earlier.firstAttempts, retries - earlier.retries,
                budgetDenials - earlier.budgetDenials, skipped - earlier.skipped,
                rateLimitProbes - earlier.rateLimitProbes, rateLimitsRecorded - earlier.rateLimitsRecorded);
    }
}
