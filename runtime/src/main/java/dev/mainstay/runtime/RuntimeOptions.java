package dev.mainstay.runtime;

import dev.mainstay.cost.Budgets;
import dev.mainstay.cost.InMemoryBudgets;
import dev.mainstay.event.RunListener;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.Journal;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.telemetry.TelemetryConfig;
import dev.mainstay.telemetry.Tracing;
import dev.mainstay.tools.notes.NoteStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a host (the CLI, the service, the chaos harness) hands the runtime besides configuration.
 *
 * @param notices receives one-line notices meant for the operator (stderr in the CLI)
 * @param listeners extra run listeners, after the runtime's own (logs, metrics)
 * @param reliabilityListener receives every reliability event (breaker transitions, retries, fallbacks,
 *     refusals); thread-safe and non-blocking
 * @param journal where runs are journaled: in memory for the CLI, the durable store for the service
 * @param notes where the notes tools keep the users' notes: the service's store; empty for the local SQLite file
 *     of the configuration ({@code MAINSTAY_NOTES_DB}), which the runtime opens and closes. A given store is the
 *     host's to close.
 * @param telemetry what is recorded: content logging, the tenant label ({@code TelemetryConfig.fromEnv})
 * @param tracing where spans go; {@link Tracing#off()} by default. The host's to close: the service shares it with
 *     its request and queue spans.
 * @param budgets where model calls reserve their worst case before they are sent: in this process's memory for the
 *     CLI ({@link InMemoryBudgets}, no limit unless one is set on it), the store for the service, so budgets hold
 *     across every node
 */
public record RuntimeOptions(Consumer<String> notices, List<RunListener> listeners, MeterRegistry metrics,
        ReliabilityListener reliabilityListener, Journal journal, Optional<NoteStore> notes,
        TelemetryConfig telemetry, Tracing tracing, Budgets budgets) {
    public RuntimeOptions {
        Objects.requireNonNull(notices, "notices");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(reliabilityListener, "reliabilityListener");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(budgets, "budgets");
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(line -> {}, List.of(), new SimpleMeterRegistry(), ReliabilityListener.NONE,
                new InMemoryJournal(), Optional.empty(), TelemetryConfig.defaults(),
                Tracing.off(), new InMemoryBudgets());
    }

    public RuntimeOptions withNotices(Consumer<String> value) {
        return new RuntimeOptions(value, listeners, metrics, reliabilityListener, journal, notes, telemetry, tracing,
                budgets);
    }

    public RuntimeOptions withListener(RunListener listener) {
        var all = new ArrayList<>(listeners);
        all.add(listener);
        return new RuntimeOptions(notices, all, metrics, reliabilityListener, journal, notes, telemetry, tracing,
                budgets);
    }

    public RuntimeOptions withMetrics(MeterRegistry value) {
        return new RuntimeOptions(notices, listeners, value, reliabilityListener, journal, notes, telemetry, tracing,
                budgets);
    }

    public RuntimeOptions withReliabilityListener(ReliabilityListener value) {
        return new RuntimeOptions(notices, listeners, metrics, value, journal, notes, telemetry, tracing,
                budgets);
    }

    public RuntimeOptions withJournal(Journal value) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, value, notes, telemetry, tracing,
                budgets);
    }

    /** Notes in {@code store} (the service's database) instead of the configured local file. */
    public RuntimeOptions withNotes(NoteStore store) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, journal,
                Optional.of(Objects.requireNonNull(store, "store")), telemetry, tracing,
                budgets);
    }

    /** Records as {@code value} says (content logging, tenant label). */
    public RuntimeOptions withTelemetry(TelemetryConfig value) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, journal, notes, value, tracing,
                budgets);
    }

    /** Reserves model calls' worst cases in {@code value} (the store's budgets, for the service). */
    public RuntimeOptions withBudgets(Budgets value) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, journal, notes, telemetry, tracing,
                value);
    }

    /** Traces into {@code value}, which stays the caller's to close. */
    public RuntimeOptions withTracing(Tracing value) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, journal, notes, telemetry, value,
                budgets);
    }
}
