package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The API key reaches the provider and nothing else: not stdout, not stderr, not a log line at any level. */
class SecretsNeverLeakTest {
    private static final String KEY = "fake-key-LEAKCANARY-0123456789";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level previous;
    private Simulator sim;

    @BeforeEach
    void captureEveryLogLine() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        // the receiving side is the in-process simulator's Jetty, whose HTTP parser traces every header it reads;
        // that is the server's business (and off in mainstay's logback.xml), not the client's
        jetty().setLevel(Level.INFO);
        logs.start();
        root.addAppender(logs);
        sim = Simulator.start(SimulatorConfig.defaults());
    }

    @AfterEach
    void restore() {
        root.detachAppender(logs);
        root.setLevel(previous);
        jetty().setLevel(null);
        sim.close();
    }

    private static Logger jetty() {
        return (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
    }

    private String everything(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        java.util.List<ILoggingEvent> events;
        synchronized (logs) { // AppenderBase appends under the appender's lock; server threads may still log
            events = new java.util.ArrayList<>(logs.list);
        }
        var logText = events.stream()
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? ""
                        : e.getThrowableProxy().getMessage()) + " " + e.getMDCPropertyMap())
                .collect(Collectors.joining("\n"));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8) + logText;
    }

    private int ask(ByteArrayOutputStream out, ByteArrayOutputStream err, String... extra) {
        var env = new java.util.HashMap<>(Map.of(
                "ANTHROPIC_API_KEY", KEY,
                "ANTHROPIC_BASE_URL", sim.baseUrl().toString(),
                "MAINSTAY_RETRY_MAX_ATTEMPTS", "1",
                "MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString()));
        var args = new java.util.ArrayList<>(java.util.List.of("ask", "--verbose"));
        args.addAll(java.util.List.of(extra));
        args.add("what's 2+2");
        return Main.run(args.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aSuccessfulRunNeverPrintsOrLogsTheKey() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = ask(out, err, "--json");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(everything(out, err)).doesNotContain("LEAKCANARY");
    }

    @Test
    void aFailingRunNeverPrintsOrLogsTheKeyEvenWithStackTraces() {
        sim.setFaults(FaultProfile.builder().rate500(1.0).build());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = ask(out, err);

        assertThat(exit).isEqualTo(1);
        assertThat(everything(out, err)).contains("api_error").doesNotContain("LEAKCANARY");
    }
}
