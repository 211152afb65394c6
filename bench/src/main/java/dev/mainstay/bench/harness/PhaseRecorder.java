package dev.mainstay.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Records one measured phase, so a profile shows the steady state and not start-up or warm-up. Two recorders:
 *
 * <ul>
 *   <li>{@code jfr}: Java Flight Recorder with the {@code profile} settings, CPU sampled every millisecond. Inspect the
 *       file with {@code jfr view hot-methods FILE} or {@code jfr print --events jdk.ObjectAllocationSample FILE}.
 *   <li>{@code cpu}, {@code itimer}, {@code wall}, {@code alloc}: async-profiler (from Maven Central, its native
 *       library extracted from the jar), which also sees native and kernel frames — where a virtual thread's park,
 *       a carrier's wake-up or an epoll wait spend CPU that JFR does not show. Writes collapsed stacks (one line per
 *       stack and its sample count), the input of any flame-graph tool.
 * </ul>
 *
 * <p>One recorder per process; not thread-safe.
 */
public final class PhaseRecorder {
    /** The recorders {@link #PhaseRecorder} accepts. */
    public static final List<String> RECORDERS = List.of("jfr", "cpu", "itimer", "wall", "alloc");

    private final String phase;
    private final Path file;
    private final String recorder;

    /**
     * @param phase the phase to record: {@code c1}, {@code c1_stream}, {@code concurrent} or {@code heap}
     * @param file where the recording is written when the phase ends
     * @param recorder one of {@link #RECORDERS}
     */
    PhaseRecorder(String phase, Path file, String recorder) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.file = Objects.requireNonNull(file, "file");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        if (!RECORDERS.contains(recorder)) {
            throw new IllegalArgumentException("recorder must be one of " + RECORDERS + ", but was '" + recorder + "'");
        }
    }

    /** Runs {@code body}, recording it when {@code name} is the phase to record. */
    <T> T around(String name, PhaseBody<T> body) throws Exception {
        if (!name.equals(phase)) {
            return body.run();
        }
        var parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        var result = recorder.equals("jfr") ? withJfr(body) : withAsyncProfiler(body);
        System.err.println("recorded phase " + name + " with " + recorder + " to " + file);
        return result;
    }

    private <T> T withJfr(PhaseBody<T> body) throws Exception {
        try (var recording = new Recording(profile())) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            var result = body.run();
            recording.stop();
            recording.dump(file);
            return result;
        }
    }

    private <T> T withAsyncProfiler(PhaseBody<T> body) throws Exception {
        var profiler = asyncProfiler();
        var event = recorder.equals("alloc") ? "event=alloc,alloc=64k" : "event=" + recorder + ",interval=1ms";
        profiler.execute("start," + event);
        try {
            return body.run();
        } finally {
            profiler.execute("stop,collapsed,file=" + file.toAbsolutePath());
        }
    }

    /**
     * async-profiler's {@code one.profiler.AsyncProfiler}, reached by reflection: the harness compiles into the peer
     * modules with the JDK alone, and only a stack that is profiled needs the profiler on its class path.
     */
    private static Command asyncProfiler() throws IOException {
        try {
            var type = Class.forName("one.profiler.AsyncProfiler");
            var instance = type.getMethod("getInstance").invoke(null);
            var execute = type.getMethod("execute", String.class);
            return command -> {
                try {
                    execute.invoke(instance, command);
                } catch (ReflectiveOperationException e) {
                    throw new IOException("async-profiler refused '" + command + "': " + e.getCause(), e);
                }
            };
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("async-profiler (tools.profiler:async-profiler) is not usable in this JVM: " + e, e);
        }
    }

    /** One async-profiler command. */
    @FunctionalInterface
    private interface Command {
        void execute(String command) throws IOException;
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
