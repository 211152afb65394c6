package dev.mainstay.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which failures the simulator injects into {@code POST /v1/messages}, and how slow it is. Immutable; validated
 * when built, listing every problem at once.
 *
 * <p>The rates are exclusive per-request probabilities: for each request one uniform draw picks at most one fault,
 * so their sum must not exceed 1. Over many requests each fault's share approaches its rate.
 *
 * @param latency time to first byte and per output token; applies to every request in scope, faulted or not
 * @param rate429 share answered {@code 429 rate_limit_error} with a {@code retry-after} header
 * @param retryAfter what the 429's {@code retry-after} header says (whole seconds, rounded up)
 * @param rate529 share answered {@code 529 overloaded_error}
 * @param rate500 share answered {@code 500 api_error}
 * @param midStreamOverloadRate share that fails with an {@code overloaded_error} SSE event in the middle of a 200
 *     stream, after some content; a non-streaming request drawn for it gets a plain 529
 * @param cutStreamRate share whose connection is closed after {@code cutAfterEvents} SSE events, without
 *     {@code message_stop} (non-streaming: after half of the body)
 * @param cutAfterEvents how many SSE events a cut stream delivers first, not negative
 * @param hangRate share that is never answered: the connection is held until the client gives up or the
 *     simulator closes
 * @param malformedJsonRate share answered 200 with a truncated JSON body
 * @param models the model ids the faults and latency apply to; empty means every model
 * @param errorRates the share answered with each {@link ErrorFault} (400, 401, 403, 404, 413, a 429 usage limit);
 *     a fault not in the map is never drawn
 * @param shouldRetryHeader whether every injected error status (429, 529, 500 and the {@link ErrorFault}s) carries
 *     {@code x-should-retry}, and with which value
 * @param retryAfterFormat how the rate-limit 429 states {@code retryAfter}: {@code retry-after} in whole seconds,
 *     {@code retry-after-ms}, or both
 */
public record FaultProfile(
        Latency latency,
        double rate429,
        Duration retryAfter,
        double rate529,
        double rate500,
        double midStreamOverloadRate,
        double cutStreamRate,
        int cutAfterEvents,
        double hangRate,
        double malformedJsonRate,
        Set<String> models,
        Map<ErrorFault, Double> errorRates,
        ShouldRetryHeader shouldRetryHeader,
        RetryAfterFormat retryAfterFormat) {

    /** The default {@code retry-after} of a simulated 429. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** The default number of SSE events before a cut. */
    public static final int DEFAULT_CUT_AFTER_EVENTS = 5;

    /** No faults, no latency. */
    public static final FaultProfile NONE = new FaultProfile(
            Latency.ZERO, 0, DEFAULT_RETRY_AFTER, 0, 0, 0, 0, DEFAULT_CUT_AFTER_EVENTS, 0, 0, Set.of(), Map.of(),
            ShouldRetryHeader.ABSENT, RetryAfterFormat.SECONDS);

    /** The names {@link #named(String)} accepts. */
    public static final List<String> NAMES = List.of(
            "none", "slow", "flaky", "overload", "outage", "rate_limit", "hang", "usage_limit", "unauthorized");

    /** Whether injected error statuses carry an {@code x-should-retry} header. */
    public enum ShouldRetryHeader {
        /** No header: the client decides by status. */
        ABSENT,
        /** {@code x-should-retry: true}. */
        TRUE,
        /** {@code x-should-retry: false}: a well-behaved client does not retry, whatever the status. */
        FALSE
    }

    /** How a simulated rate-limit 429 says how long to wait. */
    public enum RetryAfterFormat {
        /** {@code retry-after}, whole seconds rounded up. */
        SECONDS,
        /** {@code retry-after-ms}, milliseconds. */
        MILLIS,
        /** Both headers. */
        BOTH
    }

    public FaultProfile {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(errorRates, "errorRates");
        Objects.requireNonNull(shouldRetryHeader, "shouldRetryHeader");
        Objects.requireNonNull(retryAfterFormat, "retryAfterFormat");
        models = Set.copyOf(models);
        errorRates = copyRates(errorRates);
        var problems = new ArrayList<String>();
        checkRate(problems, "rate429", rate429);
        checkRate(problems, "rate529", rate529);
        checkRate(problems, "rate500", rate500);
        checkRate(problems, "midStreamOverloadRate", midStreamOverloadRate);
        checkRate(problems, "cutStreamRate", cutStreamRate);
        checkRate(problems, "hangRate", hangRate);
        checkRate(problems, "malformedJsonRate", malformedJsonRate);
        for (var entry : errorRates.entrySet()) {
            checkRate(problems, entry.getKey().field(), entry.getValue());
        }
        double sum = sumOfRates(rate429, rate529, rate500, midStreamOverloadRate, cutStreamRate, hangRate,
                malformedJsonRate, errorRates);
        if (problems.isEmpty() && sum > 1.0 + 1e-9) {
            problems.add("the fault rates are exclusive per request and must add up to at most 1, but add up to "
                    + sum);
        }
        if (retryAfter.isNegative()) {
            problems.add("retryAfter must not be negative, but was " + retryAfter);
        }
        if (cutAfterEvents < 0) {
            problems.add("cutAfterEvents must not be negative, but was " + cutAfterEvents);
        }
        for (var model : models) {
            if (model == null || model.isBlank()) {
                problems.add("models must not contain a blank model id");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid fault profile: " + String.join("; ", problems));
        }
    }

    private static Map<ErrorFault, Double> copyRates(Map<ErrorFault, Double> rates) {
        var copy = new EnumMap<ErrorFault, Double>(ErrorFault.class);
        rates.forEach((fault, rate) -> copy.put(Objects.requireNonNull(fault, "error fault"),
                Objects.requireNonNull(rate, "rate of " + fault)));
        return Collections.unmodifiableMap(copy);
    }

    private static double sumOfRates(double rate429, double rate529, double rate500, double midStream, double cut,
            double hang, double malformed, Map<ErrorFault, Double> errorRates) {
        double sum = rate429 + rate529 + rate500 + midStream + cut + hang + malformed;
        for (double rate : errorRates.values()) {
            sum += rate;
        }
        return sum;
    }

    private static void checkRate(List<String> problems, String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            problems.add(name + " must be between 0 and 1, but was " + rate);
        }
    }

    /**
     * A named preset: {@code none}; {@code slow} (latency only); {@code flaky} (a few percent of every fault kind);
     * {@code overload} (many 529s and 429s, some mid-stream overloads); {@code outage} (every request 529);
     * {@code rate_limit} (half the requests 429); {@code hang} (every request hangs); {@code usage_limit} (every
     * request a 429 for a spend limit); {@code unauthorized} (every request 401). Case and {@code -}/{@code _} are
     * ignored.
     *
     * @throws IllegalArgumentException for an unknown name, naming the known ones
     */
    public static FaultProfile named(String name) {
        Objects.requireNonNull(name, "name");
        var key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "none" -> NONE;
            case "slow" -> builder()
                    .latency(new Latency(Duration.ofMillis(800), Duration.ofMillis(400), Duration.ofMillis(10)))
                    .build();
            case "flaky" -> builder()
                    .latency(new Latency(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ZERO))
                    .rate429(0.03)
                    .rate529(0.05)
                    .rate500(0.02)
                    .midStreamOverloadRate(0.03)
                    .cutStreamRate(0.02)
                    .hangRate(0.005)
                    .malformedJsonRate(0.01)
                    .build();
            case "overload" -> builder()
                    .rate529(0.30)
                    .rate429(0.10)
                    .retryAfter(Duration.ofSeconds(2))
                    .midStreamOverloadRate(0.10)
                    .build();
            case "outage" -> builder().rate529(1.0).build();
            case "rate_limit" -> builder().rate429(0.5).build();
            case "hang" -> builder().hangRate(1.0).build();
            case "usage_limit" -> builder().rate(ErrorFault.USAGE_LIMIT_429, 1.0).build();
            case "unauthorized" -> builder().rate(ErrorFault.AUTHENTICATION_401, 1.0).build();
            default -> throw new IllegalArgumentException(
                    "unknown fault profile '" + name + "'; known profiles: " + String.join(", ", NAMES));
        };
    }

    /** Whether faults and latency apply to requests for {@code model}. */
    public boolean appliesTo(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** The chance that a request in scope gets any fault. */
    public double totalFaultRate() {
        return sumOfRates(rate429, rate529, rate500, midStreamOverloadRate, cutStreamRate, hangRate,
                malformedJsonRate, errorRates);
    }

    /** The share of requests in scope answered with {@code fault}; 0 when the profile does not inject it. */
    public double rate(ErrorFault fault) {
        return errorRates.getOrDefault(Objects.requireNonNull(fault, "fault"), 0.0);
    }

    /** This profile, applied only to requests for the given models (empty: all models). */
    public FaultProfile forModels(Set<String> onlyModels) {
        return toBuilder().models(onlyModels).build();
    }

    public FaultProfile withLatency(Latency newLatency) {
        return toBuilder().latency(newLatency).build();
    }

    public static Builder builder() {
        return new Builder(NONE);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a profile; every setting starts from the profile it was made from ({@link #NONE} by default). */
    public static final class Builder {
        private Latency latency;
        private double rate429;
        private Duration retryAfter;
        private double rate529;
        private double rate500;
        private double midStreamOverloadRate;
        private double cutStreamRate;
        private int cutAfterEvents;
        private double hangRate;
        private double malformedJsonRate;
        private Set<String> models;
        private final Map<ErrorFault, Double> errorRates = new EnumMap<>(ErrorFault.class);
        private ShouldRetryHeader shouldRetryHeader;
        private RetryAfterFormat retryAfterFormat;

        private Builder(FaultProfile from) {
            latency = from.latency;
            rate429 = from.rate429;
            retryAfter = from.retryAfter;
            rate529 = from.rate529;
            rate500 = from.rate500;
            midStreamOverloadRate = from.midStreamOverloadRate;
            cutStreamRate = from.cutStreamRate;
            cutAfterEvents = from.cutAfterEvents;
            hangRate = from.hangRate;
            malformedJsonRate = from.malformedJsonRate;
            models = from.models;
            errorRates.putAll(from.errorRates);
            shouldRetryHeader = from.shouldRetryHeader;
            retryAfterFormat = from.retryAfterFormat;
        }

        public Builder latency(Latency value) {
            latency = value;
            return this;
        }

        public Builder rate429(double value) {
            rate429 = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            retryAfter = value;
            return this;
        }

        public Builder rate529(double value) {
            rate529 = value;
            return this;
        }

        public Builder rate500(double value) {
            rate500 = value;
            return this;
        }

        public Builder midStreamOverloadRate(double value) {
            midStreamOverloadRate = value;
            return this;
        }

        public Builder cutStreamRate(double value) {
            cutStreamRate = value;
            return this;
        }

        public Builder cutAfterEvents(int value) {
            cutAfterEvents = value;
            return this;
        }

        public Builder hangRate(double value) {
            hangRate = value;
            return this;
        }

        public Builder malformedJsonRate(double value) {
            malformedJsonRate = value;
            return this;
        }

        public Builder models(Set<String> value) {
            models = value;
            return this;
        }

        /** The share of requests answered with {@code fault}; 0 removes it. */
        public Builder rate(ErrorFault fault, double value) {
            Objects.requireNonNull(fault, "fault");
            if (value == 0.0) {
                errorRates.remove(fault);
            } else {
                errorRates.put(fault, value);
            }
            return this;
        }

        public Builder shouldRetryHeader(ShouldRetryHeader value) {
            shouldRetryHeader = value;
            return this;
        }

        public Builder retryAfterFormat(RetryAfterFormat value) {
            retryAfterFormat = value;
            return this;
        }

        /** @throws IllegalArgumentException listing every invalid setting */
        public FaultProfile build() {
            return new FaultProfile(latency, rate429, retryAfter, rate529, rate500, midStreamOverloadRate,
                    cutStreamRate, cutAfterEvents, hangRate, malformedJsonRate, models, errorRates, shouldRetryHeader,
                    retryAfterFormat);
        }
    }
}
