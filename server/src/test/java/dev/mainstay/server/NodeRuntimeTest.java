package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.reliability.bulkhead.AdaptiveConcurrencyConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRuntimeTest {
    private static final ReliabilityConfig DEFAULTS = ReliabilityConfig.DEFAULT;

    @Test
    void aNodeWithMoreWorkersThanTheDefaultCeilingGetsACeilingAndWaitingPlacesForEachWorker() {
        var sized = NodeRuntime.sized(DEFAULTS, 5000, false, false).modelConcurrency();

        assertThat(sized.maxLimit()).isEqualTo(5000);
        assertThat(sized.maxWaiters()).isEqualTo(5000);
        assertThat(sized.initialLimit()).as("the limit still starts low and adapts")
                .isEqualTo(AdaptiveConcurrencyConfig.DEFAULT_INITIAL_LIMIT);
    }

    @Test
    void whatTheOperatorSetIsKeptEvenBelowTheWorkers() {
        var configured = DEFAULTS.withModelConcurrency(DEFAULTS.modelConcurrency().withMaxLimit(50)
                .withMaxWaiters(10));

        var sized = NodeRuntime.sized(configured, 5000, true, true).modelConcurrency();

        assertThat(sized.maxLimit()).isEqualTo(50);
        assertThat(sized.maxWaiters()).isEqualTo(10);
    }

    @Test
    void aSmallNodeKeepsTheDefaults() {
        var sized = NodeRuntime.sized(DEFAULTS, 16, false, false);

        assertThat(sized).isEqualTo(DEFAULTS);
    }

    @Test
    void whetherTheOperatorSetItIsReadFromTheEnvironment() {
        var runtime = dev.mainstay.runtime.config.MainstayConfig.fromEnv(Map.of());
        var node = ServerConfig.fromEnv(Map.of()).withWorkers(1000);

        var sized = NodeRuntime.sizedFor(runtime, node, Map.of(ReliabilityConfig.MODEL_MAX_CONCURRENCY, "200"))
                .reliability().modelConcurrency();

        assertThat(sized.maxLimit()).isEqualTo(200);
        assertThat(sized.maxWaiters()).isEqualTo(1000);
    }

    @Test
    void onlyTheSettingLeftUnsetIsSized() {
        var configured = DEFAULTS.withModelConcurrency(DEFAULTS.modelConcurrency().withMaxLimit(300));

        var sized = NodeRuntime.sized(configured, 1000, true, false).modelConcurrency();

        assertThat(sized.maxLimit()).isEqualTo(300);
        assertThat(sized.maxWaiters()).isEqualTo(1000);
    }
}
