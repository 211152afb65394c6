package dev.mainstay.app.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one load test does: {@code runs} runs submitted to {@code baseUrl} with {@code key}, at most {@code
 * concurrency} at a time and, when {@code ratePerSecond} is positive, started at most that often; each run's input is
 * taken in turn from {@code inputs}. The whole test stops after {@code timeout}, whatever is left.
 *
 * <p>Only loopback addresses are accepted: the tool loads a server on this machine, never one elsewhere.
 */
public record LoadPlan(URI baseUrl, String key, int runs, int concurrency, double ratePerSecond, List<String> inputs,
        Duration holdFor, Duration timeout) {
    public static final int MAX_RUNS = 1_000_000;
    public static final int MAX_CONCURRENCY = 20_000;

    public LoadPlan {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(key, "key");
        inputs = List.copyOf(inputs);
        if (runs < 1 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("--runs must be between 1 and " + MAX_RUNS + ", but was " + runs);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency must be between 1 and " + MAX_CONCURRENCY
                    + ", but was " + concurrency);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("--rate must be 0 (no limit) or a positive number, but was "
                    + ratePerSecond);
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a load test needs at least one input");
        }
        if (holdFor.isNegative() || holdFor.toSeconds() > 300 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the wait must be 0-300 s and the timeout positive");
        }
        requireLoopback(baseUrl);
    }

    /**
     * @throws IllegalArgumentException unless {@code url} is http(s) to a loopback address (127.0.0.0/8, ::1,
     *     localhost)
     */
    public static void requireLoopback(URI url) {
        var scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://127.0.0.1:PORT (or another loopback address), "
                    + "but was " + url);
        }
        try {
            for (var address : InetAddress.getAllByName(url.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--url must be a loopback address: load tests only target "
                            + "this machine, but " + url.getHost() + " is " + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url names an unknown host: " + url.getHost());
        }
    }
}
