package dev.mainstay.chaos;

import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.time.Durations;
import java.util.ArrayList;
import java.util.List;

/** Which reliability settings of a chaos run differ from production's, for the report to say so. Stateless. */
final class SettingsDiff {
    private SettingsDiff() {}

    static List<String> fromProduction(ReliabilityConfig r) {
        var d = ReliabilityConfig.DEFAULT;
        var diffs = new ArrayList<String>();
        differs(diffs, "retry attempts", r.retry().maxAttempts(), d.retry().maxAttempts());
        differs(diffs, "backoff base", Durations.format(r.retry().baseDelay()), Durations.format(d.retry().baseDelay()));
        differs(diffs, "backoff cap", Durations.format(r.retry().maxDelay()), Durations.format(d.retry().maxDelay()));
        differs(diffs, "retry budget ratio", r.retryBudget().ratio(), d.retryBudget().ratio());
        differs(diffs, "retry budget floor/s", r.retryBudget().minRetriesPerSecond(),
                d.retryBudget().minRetriesPerSecond());
        differs(diffs, "attempt timeout", Durations.format(r.modelAttemptTimeout()),
                Durations.format(d.modelAttemptTimeout()));
        differs(diffs, "breaker open", Durations.format(r.modelBreaker().waitDurationInOpenState()),
                Durations.format(d.modelBreaker().waitDurationInOpenState()));
        differs(diffs, "model concurrency floor", r.modelConcurrency().minLimit(), d.modelConcurrency().minLimit());
        return diffs;
    }

    private static void differs(List<String> diffs, String name, Object value, Object production) {
        if (!value.equals(production)) {
            diffs.add(name + " " + value + " (production " + production + ")");
        }
    }
}
