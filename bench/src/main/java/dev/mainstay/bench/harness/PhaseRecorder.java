package dev.mainstay.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Objects;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Records one measured phase with Java Flight Recorder (the {@code profile} settings, CPU sampled every
 * millisecond), so a profile shows the steady state and not start-up or warm-up. Inspect the file with
 * {@code jfr view hot-methods FILE} or {@code jfr print --events jdk.ObjectAllocationSample FILE}.
 *
 * <p>One recorder per process; not thread-safe.
 */
final class PhaseRecorder {
    private final String phase;
    private final Path file;

    /**
     * @param phase the phase to record: {@code c1}, {@code c1_stream}, {@code concurrent} or {@code heap}
     * @param file where the recording is written when the phase ends
     */
    PhaseRecorder(String phase, Path file) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Runs {@code body}, recording it when {@code name} is the phase to record. */
    <T> T around(String name, PhaseBody<T> body) throws Exception {
        if (!name.equals(phase)) {
            return body.run();
        }
        try (var recording = new Recording(profile())) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            var result = body.run();
            recording.stop();
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            recording.dump(file);
            System.err.println("recorded phase " + name + " to " + file);
            return result;
        }
    }

    private static Configuration profile() throws IOException {
        try {
            return Configuration.getConfiguration("profile");
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR 'profile' settings cannot be read", e);
        }
    }

    /** A phase's work. */
    @FunctionalInterface
    interface PhaseBody<T> {
        T run() throws Exception;
    }
}
