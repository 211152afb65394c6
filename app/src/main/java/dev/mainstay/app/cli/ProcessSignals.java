package dev.mainstay.app.cli;

import dev.mainstay.time.CancellationSource;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What SIGINT (Ctrl-C) and SIGTERM do to the command line: the first one cancels the run in progress through its
 * {@link CancellationSource} — its in-flight model call is aborted, the run ends with stop reason {@code cancelled}
 * and the command prints its partial report and exits {@code 128 + signal} (130, 143); with no run in progress the
 * process exits at once with that code. A second signal exits at once, and so does the first if winding down takes
 * longer than {@link #WIND_DOWN} (a bound, not an expected path).
 *
 * <p>{@link #install()} replaces the JVM's own handlers (which would run the shutdown hooks and exit with nothing
 * printed); {@link #none()} installs nothing, for commands run in-process by tests. Thread-safe: handlers run on the
 * JVM's signal thread.
 */
public final class ProcessSignals {
    /** The longest the process waits, after the first signal, for the run to end and its report to print. */
    public static final Duration WIND_DOWN = Duration.ofSeconds(5);

    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicReference<CancellationSource> running = new AtomicReference<>();

    private ProcessSignals() {}

    /** Signals that are never received: the JVM's handlers stay in place. */
    public static ProcessSignals none() {
        return new ProcessSignals();
    }

    /** Installs handlers for SIGINT and SIGTERM. Call once, from {@code main}. */
    @SuppressWarnings("removal")
    public static ProcessSignals install() {
        var signals = new ProcessSignals();
        for (var name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> signals.onSignal(s.getNumber()));
            } catch (IllegalArgumentException unavailable) {
                // the JVM reserves it (e.g. -Xrs): keep its default behaviour
            }
        }
        return signals;
    }

    /** Cancels {@code source} on the first signal while the returned scope is open. */
    public Scope cancelOnSignal(CancellationSource source) {
        running.set(source);
        if (received.get() != 0) {
            source.cancel(); // the signal came before the run began
        }
        return () -> running.compareAndSet(source, null);
    }

    /** The number of the first signal received, if any (2 for SIGINT, 15 for SIGTERM). */
    public OptionalInt received() {
        int signal = received.get();
        return signal == 0 ? OptionalInt.empty() : OptionalInt.of(signal);
    }

    /** The exit code for the signal received: {@code 128 + signal}, as shells report it. */
    public int exitCode() {
        return 128 + received.get();
    }

    /** A name for notices: {@code SIGINT}, {@code SIGTERM}. */
    public String receivedName() {
        return switch (received.get()) {
            case SIGINT -> "SIGINT";
            case SIGTERM -> "SIGTERM";
            default -> "signal " + received.get();
        };
    }

    void onSignal(int number) {
        if (!received.compareAndSet(0, number)) {
            Runtime.getRuntime().halt(128 + received.get()); // a second Ctrl-C: out now
            return;
        }
        var source = running.get();
        if (source == null) {
            Runtime.getRuntime().halt(128 + number); // nothing to cancel gracefully
            return;
        }
        Thread.ofPlatform().daemon().name("mainstay-wind-down").start(() -> {
            try {
                Thread.sleep(WIND_DOWN);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(128 + number);
        });
        source.cancel();
    }

    /** Ends a {@link #cancelOnSignal} scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
