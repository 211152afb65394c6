package dev.mainstay.server;

import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.runtime.config.MainstayConfig;
import java.util.Map;

/**
 * The runtime settings of a node, sized to its workers where the operator left them at their defaults.
 *
 * <p>A worker makes one model call at a time, and the node's workers are already its bound on runs in flight. So
 * where {@value ReliabilityConfig#MODEL_MAX_CONCURRENCY} and {@value ReliabilityConfig#MODEL_MAX_WAITERS} are not set,
 * the model endpoints' concurrency ceiling and waiting places are at least the workers. Otherwise a node that claims
 * more runs than 200 + 200 at once has them refused with {@code concurrency_queue_full} (they yield and wait a lease
 * to be resumed: ADR 0022). That happens on a burst of new
 * runs, or when a node claims the runs of a dead one. It also makes runs wait behind a fixed ceiling for a place the
 * node itself sized. The adaptive limit still starts low (20) and backs off on 429, 529 and timeouts: that, not the
 * ceiling, is what protects the provider. What the operator set is kept as it is, even below the workers.
 */
public final class NodeRuntime {
    private NodeRuntime() {}

    /** {@code runtime} for a node that runs {@code node}'s workers; {@code env} tells what the operator set. */
    public static MainstayConfig sizedFor(MainstayConfig runtime, ServerConfig node, Map<String, String> env) {
        return runtime.withReliability(sized(runtime.reliability(), node.workers(),
                env.containsKey(ReliabilityConfig.MODEL_MAX_CONCURRENCY),
                env.containsKey(ReliabilityConfig.MODEL_MAX_WAITERS)));
    }

    static ReliabilityConfig sized(ReliabilityConfig reliability, int workers, boolean ceilingSet,
            boolean waitersSet) {
        var concurrency = reliability.modelConcurrency();
        if (!ceilingSet && concurrency.maxLimit() < workers) {
            concurrency = concurrency.withMaxLimit(workers);
        }
        if (!waitersSet && concurrency.maxWaiters() < workers) {
            concurrency = concurrency.withMaxWaiters(workers);
        }
        return reliability.withModelConcurrency(concurrency);
    }
}
