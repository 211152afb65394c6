package dev.mainstay.runtime;

import dev.mainstay.event.RunListener;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.Journal;
import dev.mainstay.reliability.event.ReliabilityListener;
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
 */
public record RuntimeOptions(Consumer<String> notices, List<RunListener> listeners, MeterRegistry metrics,
        ReliabilityListener reliabilityListener, Journal journal, Optional<NoteStore> notes) {
    public RuntimeOptions {
        Objects.requireNonNull(notices, "notices");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(reliabilityListener, "reliabilityListener");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(notes, "notes");
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(line -> {}, List.of(), new SimpleMeterRegistry(), ReliabilityListener.NONE,
                new InMemoryJournal(), Optional.empty());
    }

    public RuntimeOptions withNotices(Consumer<String> value) {
        return new RuntimeOptions(value, listeners, metrics, reliabilityListener, journal, notes);
    }

    public RuntimeOptions withListener(RunListener listener) {
        var all = new ArrayList<>(listeners);
        all.add(listener);
        return new RuntimeOptions(notices, all, metrics, reliabilityListener, journal, notes);
    }

    public RuntimeOptions withMetrics(MeterRegistry value) {
        return new RuntimeOptions(notices, listeners, value, reliabilityListener, journal, notes);
    }

    public RuntimeOptions withReliabilityListener(ReliabilityListener value) {
        return new RuntimeOptions(notices, listeners, metrics, value, journal, notes);
    }

    public RuntimeOptions withJournal(Journal value) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, value, notes);
    }

    /** Notes in {@code store} (the service's database) instead of the configured local file. */
    public RuntimeOptions withNotes(NoteStore store) {
        return new RuntimeOptions(notices, listeners, metrics, reliabilityListener, journal,
                Optional.of(Objects.requireNonNull(store, "store")));
    }
}
