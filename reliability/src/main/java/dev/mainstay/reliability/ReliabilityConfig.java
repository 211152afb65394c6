package dev.mainstay.reliability;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import dev.mainstay.reliability.bulkhead.ToolBulkheadConfig;
import dev.mainstay.reliability.deadline.DeadlineInterceptor;
import dev.mainstay.time.Durations;
import dev.mainstay.reliability.retry.RetryBudgetConfig;
import dev.mainstay.reliability.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every reliability setting of a runtime. Immutable; each part is validated when built.
 *
 * <p>{@link #fromEnv(Map)} reads the {@code MAINSTAY_*} variables below, falls back to the named defaults for the
 * rest, and reports every problem at once, naming the variable and its value:
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><td>{@value #RETRY_MAX_ATTEMPTS}</td><td>attempts per call, first included (4)</td></tr>
 *   <tr><td>{@value #RETRY_BASE_DELAY}</td><td>first backoff cap (500ms)</td></tr>
 *   <tr><td>{@value #RETRY_MAX_DELAY}</td><td>largest backoff (30s)</td></tr>
 *   <tr><td>{@value #RETRY_BUDGET_RATIO}</td><td>retries per first attempt, 0..1 (0.2)</td></tr>
 *   <tr><td>{@value #RETRY_BUDGET_MIN_PER_SECOND}</td><td>least retry rate per endpoint, a floor (1)</td></tr>
 *   <tr><td>{@value #BREAKER_FAILURE_RATE}</td><td>failure percentage that opens a breaker (50)</td></tr>
 *   <tr><td>{@value #BREAKER_OPEN_DURATION}</td><td>how long a breaker stays open (30s)</td></tr>
 *   <tr><td>{@value #FALLBACK_MODELS}</td><td>comma-separated models tried after the primary (none)</td></tr>
 *   <tr><td>{@value #TOOL_MAX_CONCURRENCY}</td><td>concurrent calls per tool (16)</td></tr>
 *   <tr><td>{@value #MODEL_MAX_CONCURRENCY}</td><td>most concurrent calls per model endpoint (200; a
 *       {@code serve} node's default is at least its workers)</td></tr>
 *   <tr><td>{@value #MODEL_MAX_WAITERS}</td><td>most calls waiting for a slot per model endpoint (200; a
 *       {@code serve} node's default is at least its workers)</td></tr>
 *   <tr><td>{@value #MODEL_ATTEMPT_TIMEOUT}</td><td>timeout of one model attempt (5m)</td></tr>
 * </table>
 * Durations are written {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}.
 */
public record ReliabilityConfig(
        RetryConfig retry,
        RetryBudgetConfig retryBudget,
        CircuitBreakerConfig modelBreaker,
        CircuitBreakerConfig toolBreaker,
        List<String> fallbackModels,
        ToolBulkheadConfig toolBulkhead,
        AdaptiveConcurrencyConfig modelConcurrency,
        Duration modelAttemptTimeout) {

    public static final String RETRY_MAX_ATTEMPTS = "MAINSTAY_RETRY_MAX_ATTEMPTS";
    public static final String RETRY_BASE_DELAY = "MAINSTAY_RETRY_BASE_DELAY";
    public static final String RETRY_MAX_DELAY = "MAINSTAY_RETRY_MAX_DELAY";
    public static final String RETRY_BUDGET_RATIO = "MAINSTAY_RETRY_BUDGET_RATIO";
    public static final String RETRY_BUDGET_MIN_PER_SECOND = "MAINSTAY_RETRY_BUDGET_MIN_PER_SECOND";
    public static final String BREAKER_FAILURE_RATE = "MAINSTAY_BREAKER_FAILURE_RATE";
    public static final String BREAKER_OPEN_DURATION = "MAINSTAY_BREAKER_OPEN_DURATION";
    public static final String FALLBACK_MODELS = "MAINSTAY_FALLBACK_MODELS";
    public static final String TOOL_MAX_CONCURRENCY = "MAINSTAY_TOOL_MAX_CONCURRENCY";
    public static final String MODEL_MAX_CONCURRENCY = "MAINSTAY_MODEL_MAX_CONCURRENCY";
    public static final String MODEL_MAX_WAITERS = "MAINSTAY_MODEL_MAX_WAITERS";
    public static final String MODEL_ATTEMPT_TIMEOUT = "MAINSTAY_MODEL_ATTEMPT_TIMEOUT";

    /** Every environment variable {@link #fromEnv} reads. */
    public static final List<String> VARIABLES = List.of(RETRY_MAX_ATTEMPTS, RETRY_BASE_DELAY, RETRY_MAX_DELAY,
            RETRY_BUDGET_RATIO, RETRY_BUDGET_MIN_PER_SECOND, BREAKER_FAILURE_RATE, BREAKER_OPEN_DURATION,
            FALLBACK_MODELS, TOOL_MAX_CONCURRENCY, MODEL_MAX_CONCURRENCY, MODEL_MAX_WAITERS, MODEL_ATTEMPT_TIMEOUT);

    public static final ReliabilityConfig DEFAULT = new ReliabilityConfig(
            RetryConfig.DEFAULT, RetryBudgetConfig.DEFAULT, CircuitBreakerConfig.DEFAULT, CircuitBreakerConfig.DEFAULT,
            List.of(), ToolBulkheadConfig.DEFAULT, AdaptiveConcurrencyConfig.DEFAULT,
            DeadlineInterceptor.DEFAULT_ATTEMPT_TIMEOUT);

    public ReliabilityConfig {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(modelBreaker, "modelBreaker");
        Objects.requireNonNull(toolBreaker, "toolBreaker");
        fallbackModels = List.copyOf(fallbackModels);
        Objects.requireNonNull(toolBulkhead, "toolBulkhead");
        Objects.requireNonNull(modelConcurrency, "modelConcurrency");
        Objects.requireNonNull(modelAttemptTimeout, "modelAttemptTimeout");
        if (modelAttemptTimeout.isNegative() || modelAttemptTimeout.isZero()) {
            throw new InvalidConfigException(List.of(new ConfigProblem(
                    "modelAttemptTimeout", "positive", Durations.format(modelAttemptTimeout))));
        }
    }

    /**
     * Reads the settings from environment-style variables; unset or blank variables keep their defaults.
     *
     * @throws InvalidConfigException listing every invalid variable, by name and value
     */
    public static ReliabilityConfig fromEnv(Map<String, String> env) {
        var reader = new EnvReader(env);
        var d = DEFAULT;
        var maxAttempts = reader.integer(RETRY_MAX_ATTEMPTS, d.retry().maxAttempts());
        var baseDelay = reader.duration(RETRY_BASE_DELAY, d.retry().baseDelay());
        var maxDelay = reader.duration(RETRY_MAX_DELAY, d.retry().maxDelay());
        var ratio = reader.decimal(RETRY_BUDGET_RATIO, d.retryBudget().ratio());
        var minPerSecond = reader.decimal(RETRY_BUDGET_MIN_PER_SECOND, d.retryBudget().minRetriesPerSecond());
        var failureRate = reader.percentage(BREAKER_FAILURE_RATE, d.modelBreaker().failureRateThreshold());
        var openDuration = reader.duration(BREAKER_OPEN_DURATION, d.modelBreaker().waitDurationInOpenState());
        var fallbacks = reader.list(FALLBACK_MODELS);
        var toolConcurrency = reader.integer(TOOL_MAX_CONCURRENCY, d.toolBulkhead().maxConcurrentCalls());
        var modelConcurrency = reader.integer(MODEL_MAX_CONCURRENCY, d.modelConcurrency().maxLimit());
        var modelWaiters = reader.integer(MODEL_MAX_WAITERS, d.modelConcurrency().maxWaiters());
        var attemptTimeout = reader.duration(MODEL_ATTEMPT_TIMEOUT, d.modelAttemptTimeout());

        // each part is built with one constructor call, so that every problem in it is reported together
        var retry = reader.build(() -> new RetryConfig(maxAttempts, baseDelay, maxDelay, d.retry().multiplier(),
                        max(maxDelay, d.retry().maxHintDelay())),
                Map.of("retry.maxAttempts", RETRY_MAX_ATTEMPTS, "retry.baseDelay", RETRY_BASE_DELAY,
                        "retry.maxDelay", RETRY_MAX_DELAY));
        var budget = reader.build(() -> new RetryBudgetConfig(ratio, minPerSecond, d.retryBudget().maxBalance()),
                Map.of("retryBudget.ratio", RETRY_BUDGET_RATIO,
                        "retryBudget.minRetriesPerSecond", RETRY_BUDGET_MIN_PER_SECOND));
        var b = d.modelBreaker();
        var breaker = reader.build(() -> new CircuitBreakerConfig(failureRate, b.slowCallRateThreshold(),
                        b.slowCallDuration(), b.slidingWindowSize(), b.minimumNumberOfCalls(), openDuration,
                        b.permittedCallsInHalfOpenState()),
                Map.of("breaker.failureRateThreshold", BREAKER_FAILURE_RATE,
                        "breaker.waitDurationInOpenState", BREAKER_OPEN_DURATION));
        var bulkhead = reader.build(() -> d.toolBulkhead().withMaxConcurrentCalls(toolConcurrency),
                Map.of("toolBulkhead.maxConcurrentCalls", TOOL_MAX_CONCURRENCY));
        var concurrency = reader.build(() -> d.modelConcurrency().withMaxLimit(modelConcurrency)
                        .withMaxWaiters(modelWaiters),
                Map.of("modelConcurrency.maxLimit", MODEL_MAX_CONCURRENCY,
                        "modelConcurrency.maxWaiters", MODEL_MAX_WAITERS));
        reader.require(attemptTimeout.isNegative() || attemptTimeout.isZero(), MODEL_ATTEMPT_TIMEOUT,
                "positive", env.get(MODEL_ATTEMPT_TIMEOUT) == null ? null : env.get(MODEL_ATTEMPT_TIMEOUT).trim());
        reader.throwIfAny();
        return new ReliabilityConfig(retry, budget, breaker, breaker, fallbacks, bulkhead, concurrency,
                attemptTimeout);
    }

    /** This configuration with the model endpoints' adaptive concurrency {@code value}. */
    public ReliabilityConfig withModelConcurrency(AdaptiveConcurrencyConfig value) {
        return new ReliabilityConfig(retry, retryBudget, modelBreaker, toolBreaker, fallbackModels, toolBulkhead,
                value, modelAttemptTimeout);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Parses variables, collecting every problem instead of stopping at the first. Not thread-safe. */
    private static final class EnvReader {
        private final Map<String, String> env;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final java.util.Set<String> unparseable = new java.util.HashSet<>();

        EnvReader(Map<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
        }

        int integer(String name, int fallback) {
            return parse(name, fallback, "a whole number", Integer::valueOf);
        }

        double decimal(String name, double fallback) {
            return parse(name, fallback, "a number", Double::valueOf);
        }

        float percentage(String name, float fallback) {
            return parse(name, fallback, "a percentage like 50 or 50%",
                    v -> Float.valueOf(v.endsWith("%") ? v.substring(0, v.length() - 1).trim() : v));
        }

        Duration duration(String name, Duration fallback) {
            return parse(name, fallback, "a duration like 500ms, 30s or 2m",
                    v -> Durations.parse(v).orElseThrow(IllegalArgumentException::new));
        }

        List<String> list(String name) {
            var raw = env.get(name);
            if (raw == null || raw.isBlank()) {
                return List.of();
            }
            var items = new ArrayList<String>();
            var seen = new LinkedHashSet<String>();
            for (var part : raw.split(",", -1)) {
                var item = part.trim();
                if (item.isEmpty()) {
                    problems.add(new ConfigProblem(name, "a comma-separated list without empty entries", "'" + raw + "'"));
                    return List.of();
                }
                if (!seen.add(item)) {
                    problems.add(new ConfigProblem(name, "a list without duplicates", "'" + raw + "'"));
                    return List.of();
                }
                items.add(item);
            }
            return items;
        }

        private <T> T parse(String name, T fallback, String requirement, Function<String, T> parser) {
            var raw = env.get(name);
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                return parser.apply(raw.trim());
            } catch (RuntimeException e) {
                unparseable.add(name);
                problems.add(new ConfigProblem(name, requirement, "'" + raw + "'"));
                return fallback;
            }
        }

        /**
         * Builds one part. Its problems are renamed to the variables that set them, one per variable; problems of
         * settings no variable sets follow from those and are reported only when nothing else explains them.
         */
        <T> T build(Supplier<T> factory, Map<String, String> variables) {
            try {
                return factory.get();
            } catch (InvalidConfigException e) {
                var byVariable = new java.util.LinkedHashMap<String, ConfigProblem>();
                var derived = new ArrayList<ConfigProblem>();
                for (var problem : e.problems()) {
                    var variable = variables.get(problem.setting());
                    if (variable == null) {
                        derived.add(problem);
                    } else if (!unparseable.contains(variable)) {
                        var raw = env.get(variable);
                        var shown = raw == null ? problem : new ConfigProblem(variable, problem.requirement(), raw.trim());
                        byVariable.putIfAbsent(variable, shown.renamed(variable));
                    }
                }
                problems.addAll(byVariable.values());
                if (byVariable.isEmpty() && variables.keySet().stream().noneMatch(k -> unparseable.contains(variables.get(k)))) {
                    problems.addAll(derived);
                }
                return null;
            }
        }

        void require(boolean bad, String name, String requirement, String raw) {
            if (bad && !unparseable.contains(name)) {
                problems.add(new ConfigProblem(name, requirement, raw == null ? "unset" : raw));
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
        }
    }
}
