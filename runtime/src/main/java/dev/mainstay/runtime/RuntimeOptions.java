package dev.mainstay.runtime;

import dev.mainstay.event.RunListener;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.Journal;
import dev.mainstay.reliability.event.ReliabilityListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a host (the CLI, the service, the chaos harness) hands the runtime besides configuration.
 *
 * @param notices receives one-line notices meant for the operator (stderr in the CLI)
 * @param listeners extra run listeners, after the runtime's own (logs, metrics)
 * @param reliabilityListener receives every reliability event (breaker transitions, retries, fallbacks,
 *     refusals); thread-safe and non-blocking
 * @param journal where runs are journaled: in memory for the CLI, the durable store for the service
 */
public record RuntimeOptions(Consumer<String> notices, List<RunListener> listeners, MeterRegistry metrics,
        ReliabilityListener reliabilityListener, Journal journal) {
    public RuntimeOptions {
        Objects.requireNonNull(notices, "notices");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(reliabilityListener, "reliabilityListener");
        Objects.requireNonNull(journal, "journal");
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(line -> {}, List.of(), new SimpleMeterRegistry(), ReliabilityListener.NONE,
                new InMemoryJournal());
    }

    public RuntimeOptions withNotices(Consumer<String> value) {
        return new RuntimeOptions(value, listeners, metrics, reliabilityListener, journal);
    }

    public RuntimeOptions withListener(RunListener listener) {
        var all = new ArrayList<>(listeners);
        all.add(listener);
        return new RuntimeOptions(notices, all, metrics, reliabilityListener, journal);
    }

    public RuntimeOptions withMetrics(MeterRegistry value) {
        return new RuntimeOptions(notices, listeners, value, reliabilityListener, journal);
    }

    public RuntimeOptions withReliabilityListener(ReliabilityListener value) {
        return new RuntimeOptions(notices, listeners, metrics, value, journal);
    }

    public RuntimeOptions withJournal(Journal value) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, value);
    }
}
