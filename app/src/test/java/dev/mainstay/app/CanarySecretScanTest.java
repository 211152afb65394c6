package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import dev.mainstay.event.EventCodec;
import dev.mainstay.event.RunEvent;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.redact.ContentRedaction;
import dev.mainstay.run.RunRequest;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.runtime.logging.RedactingEncoder;
import dev.mainstay.server.testing.FakeSearch;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The canary-secret scan: a key-shaped canary is put in the user's prompt and in a tool's output, real runs are made
 * (the CLI against the simulator, the runtime offline), and every log line, error, journal entry, event and output
 * is searched for it. Logs and errors never hold it; stored content and API responses hold it only when their
 * redaction is off.
 */
class CanarySecretScanTest {
    private static final String CANARY = "sk-ant-" + "api03-CANARY7f3Kq9ZxW2mB8vL4tR6yH1nJ5";
    private static final String MARK = "CANARY7f3Kq9";
    private static final String TASK = "Search for the tallest building in Europe. My Anthropic key is " + CANARY
            + ", keep it safe.";

    @TempDir
    Path dir;

    private Logger root;
    private Level previous;
    private final ListAppender<ILoggingEvent> raw = new ListAppender<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> encoded;
    private FakeSearch search;

    @BeforeEach
    void captureEveryLogLine() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern("%level %logger %msg %mdc%n%ex");
        var guard = new RedactingEncoder();
        guard.setContext(context);
        guard.setEncoder(pattern);
        guard.start();
        encoded = new OutputStreamAppender<>();
        encoded.setContext(context);
        encoded.setEncoder(guard);
        encoded.setOutputStream(written);
        encoded.start();
        raw.start();
        root.addAppender(raw);
        root.addAppender(encoded);
        search = FakeSearch.serving("The Lakhta Center is the tallest building in Europe at 462 m. Admin token: "
                + CANARY + ".", "Europe's skyline, ranked.");
    }

    @AfterEach
    void restore() {
        root.detachAppender(raw);
        root.detachAppender(encoded);
        root.setLevel(previous);
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(null);
        search.close();
    }

    /** What every log line looked like as written, and what Mainstay's own loggers were handed. */
    private String logs() {
        encoded.stop();
        return written.toString(StandardCharsets.UTF_8);
    }

    private String mainstayLogEvents() {
        List<ILoggingEvent> events;
        synchronized (raw) {
            events = new ArrayList<>(raw.list);
        }
        return events.stream().filter(e -> e.getLoggerName().startsWith("dev.mainstay")
                        || e.getLoggerName().startsWith("mainstay"))
                .map(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap()).collect(Collectors.joining("\n"));
    }

    private int cli(Simulator sim, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        var env = new HashMap<>(Map.of(
                "ANTHROPIC_API_KEY", "sim-key",
                "ANTHROPIC_BASE_URL", sim.baseUrl().toString(),
                "MAINSTAY_RETRY_MAX_ATTEMPTS", "1",
                "SEARXNG_URL", search.url(),
                "MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString()));
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCliRunLeavesTheCanaryInNoLogLineNoErrorAndNoOutput() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (var sim = Simulator.start(SimulatorConfig.defaults())) {
            int exit = cli(sim, out, err, "ask", "--json", "--verbose", TASK);

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[REDACTED:anthropic_key]").doesNotContain(MARK);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(MARK);
        assertThat(logs()).doesNotContain(MARK);
        assertThat(mainstayLogEvents()).doesNotContain(MARK);
    }

    @Test
    void aFailingCliRunLeavesTheCanaryInNoErrorEvenWithStackTraces() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (var sim = Simulator.start(SimulatorConfig.defaults())) {
            sim.setFaults(FaultProfile.builder().rate500(1.0).build());
            int exit = cli(sim, out, err, "ask", "--verbose", TASK);

            assertThat(exit).isEqualTo(Main.EXIT_FAILED);
        }

        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).doesNotContain(MARK);
        assertThat(logs()).doesNotContain(MARK);
    }

    private record Captured(String journal, String events, String responses) {}

    private Captured offlineRun(Map<String, String> extra) {
        var env = new HashMap<>(Map.of("SEARXNG_URL", search.url(),
                "MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString()));
        env.putAll(extra);
        var config = MainstayConfig.fromEnv(env, dir);
        var journal = new InMemoryJournal();
        var events = new CopyOnWriteArrayList<RunEvent>();
        try (var runtime = MainstayRuntime.start(config, RuntimeOptions.defaults().withJournal(journal)
                .withListener(events::add))) {
            var result = runtime.run(TASK);
            assertThat(result.stopReason().isSuccess()).as(result.toString()).isTrue();
            var stored = journal.read(result.runId()).stream().map(r -> JournalCodec.encode(r.entry()))
                    .collect(Collectors.joining("\n"));
            var responses = config.security().redaction().forResponses(RunRequest.DEFAULT_TENANT);
            var streamed = events.stream().map(e -> ContentRedaction.redact(EventCodec.toJson(e), responses).toString())
                    .collect(Collectors.joining("\n"));
            var answer = responses.redact(result.answer());
            return new Captured(stored, streamed, answer);
        }
    }

    @Test
    void storedContentHoldsTheCanaryOnlyWhileItsRedactionIsOff() {
        var plain = offlineRun(Map.of());
        var redacted = offlineRun(Map.of("MAINSTAY_REDACT_STORED", "secrets"));

        assertThat(plain.journal()).contains(MARK);
        assertThat(redacted.journal()).doesNotContain(MARK).contains("[REDACTED:anthropic_key]");
        assertThat(plain.events()).doesNotContain(MARK);
        assertThat(redacted.events()).doesNotContain(MARK);
        assertThat(plain.responses() + redacted.responses()).doesNotContain(MARK);
        assertThat(logs()).doesNotContain(MARK);
        assertThat(mainstayLogEvents()).doesNotContain(MARK);
    }

    @Test
    void responsesKeepTheCanaryOnlyWhenATenantTurnsTheirRedactionOff() {
        var open = offlineRun(Map.of("MAINSTAY_REDACT_RESPONSES", "none"));

        assertThat(open.responses()).contains(MARK);
        assertThat(logs()).doesNotContain(MARK);
    }
}
