package dev.mainstay.reliability;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.reliability.breaker.CircuitBreakerConfig;
import dev.mainstay.reliability.retry.RetryConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReliabilityConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheDefaults() {
        assertThat(ReliabilityConfig.fromEnv(Map.of())).isEqualTo(ReliabilityConfig.DEFAULT);
    }

    @Test
    void readsEverySettingFromTheEnvironment() {
        var config = ReliabilityConfig.fromEnv(env(
                "MAINSTAY_RETRY_MAX_ATTEMPTS", "3",
                "MAINSTAY_RETRY_BASE_DELAY", "250ms",
                "MAINSTAY_RETRY_MAX_DELAY", "2m",
                "MAINSTAY_RETRY_BUDGET_RATIO", "0.1",
                "MAINSTAY_RETRY_BUDGET_MIN_PER_SECOND", "0.5",
                "MAINSTAY_MODEL_MAX_WAITERS", "50",
                "MAINSTAY_BREAKER_FAILURE_RATE", "40%",
                "MAINSTAY_BREAKER_OPEN_DURATION", "45s",
                "MAINSTAY_FALLBACK_MODELS", " claude-haiku-4-5 , claude-3-5-haiku ",
                "MAINSTAY_TOOL_MAX_CONCURRENCY", "4",
                "MAINSTAY_MODEL_MAX_CONCURRENCY", "8",
                "MAINSTAY_MODEL_ATTEMPT_TIMEOUT", "90s"));

        assertThat(config.retry().maxAttempts()).isEqualTo(3);
        assertThat(config.retry().baseDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.retry().maxDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.retry().maxHintDelay()).isEqualTo(RetryConfig.DEFAULT_MAX_HINT_DELAY);
        assertThat(config.retryBudget().ratio()).isEqualTo(0.1);
        assertThat(config.retryBudget().minRetriesPerSecond()).isEqualTo(0.5);
        assertThat(config.modelConcurrency().maxWaiters()).isEqualTo(50);
        assertThat(config.modelBreaker().failureRateThreshold()).isEqualTo(40f);
        assertThat(config.modelBreaker().waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.fallbackModels()).containsExactly("claude-haiku-4-5", "claude-3-5-haiku");
        assertThat(config.toolBulkhead().maxConcurrentCalls()).isEqualTo(4);
        assertThat(config.modelConcurrency().maxLimit()).isEqualTo(8);
        assertThat(config.modelConcurrency().initialLimit()).isEqualTo(8);
        assertThat(config.modelAttemptTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void listsEveryProblemAtOnceNamingTheVariableAndTheValue() {
        var env = Map.of(
                "MAINSTAY_RETRY_MAX_ATTEMPTS", "0",
                "MAINSTAY_RETRY_BASE_DELAY", "soon",
                "MAINSTAY_RETRY_BUDGET_RATIO", "1.5",
                "MAINSTAY_BREAKER_FAILURE_RATE", "150",
                "MAINSTAY_BREAKER_OPEN_DURATION", "0s",
                "MAINSTAY_FALLBACK_MODELS", "claude-haiku-4-5,,x",
                "MAINSTAY_TOOL_MAX_CONCURRENCY", "-1",
                "MAINSTAY_MODEL_MAX_CONCURRENCY", "lots");

        assertThatThrownBy(() -> ReliabilityConfig.fromEnv(env))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::message)
                        .containsExactlyInAnyOrder(
                                "MAINSTAY_RETRY_MAX_ATTEMPTS must be between 1 and 100, but was 0",
                                "MAINSTAY_RETRY_BASE_DELAY must be a duration like 500ms, 30s or 2m, but was 'soon'",
                                "MAINSTAY_RETRY_BUDGET_RATIO must be between 0 and 1, but was 1.5",
                                "MAINSTAY_BREAKER_FAILURE_RATE must be a percentage in (0, 100], but was 150",
                                "MAINSTAY_BREAKER_OPEN_DURATION must be positive, but was 0s",
                                "MAINSTAY_FALLBACK_MODELS must be a comma-separated list without empty entries, "
                                        + "but was 'claude-haiku-4-5,,x'",
                                "MAINSTAY_TOOL_MAX_CONCURRENCY must be between 1 and 100000, but was -1",
                                "MAINSTAY_MODEL_MAX_CONCURRENCY must be a whole number, but was 'lots'"))
                .hasMessageStartingWith("invalid configuration (8 problems): ");
    }

    @Test
    void aMaxDelayBelowTheBaseDelayIsReportedAgainstTheMaxDelayVariable() {
        var env = Map.of("MAINSTAY_RETRY_BASE_DELAY", "2s", "MAINSTAY_RETRY_MAX_DELAY", "1s");

        assertThatThrownBy(() -> ReliabilityConfig.fromEnv(env))
                .hasMessageContaining("MAINSTAY_RETRY_MAX_DELAY must be at least the base delay (2s), but was 1s");
    }

    @Test
    void configRecordsNameTheSettingAndValueOfEveryProblem() {
        assertThatThrownBy(() -> new RetryConfig(0, Duration.ZERO, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::setting)
                        .containsExactlyInAnyOrder("retry.maxAttempts", "retry.baseDelay", "retry.multiplier"));
        assertThatThrownBy(() -> CircuitBreakerConfig.DEFAULT.withSlidingWindow(5, 10))
                .hasMessageContaining("breaker.minimumNumberOfCalls must be at most slidingWindowSize (5), but was 10");
    }

    private static Map<String, String> env(String... pairs) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
