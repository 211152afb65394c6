package dev.mainstay.anthropic;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.anthropic.Fixtures.API_KEY;
import static dev.mainstay.anthropic.Fixtures.context;
import static dev.mainstay.anthropic.Fixtures.error;
import static dev.mainstay.anthropic.Fixtures.paddedAfter;
import static dev.mainstay.anthropic.Fixtures.read;
import static dev.mainstay.anthropic.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The API key appears in no exception, no toString and no log line, even when a server echoes it back. */
class SecretsTest {
    @RegisterExtension
    final FakeAnthropicServer anthropic = new FakeAnthropicServer();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger moduleLogger = (Logger) LoggerFactory.getLogger("dev.mainstay.anthropic");
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = moduleLogger.getLevel();
        moduleLogger.setLevel(Level.DEBUG);
        logs.start();
        moduleLogger.addAppender(logs);
    }

    @AfterEach
    void restoreLogging() {
        moduleLogger.detachAppender(logs);
        moduleLogger.setLevel(previousLevel);
    }

    @Test
    void anAuthenticationErrorThatEchoesTheKeyDoesNotLeakIt() {
        anthropic.server().enqueue(error(401, "authentication_error", "invalid x-api-key: " + API_KEY));

        var failure = catchThrowable(() -> anthropic.client().call(request(false), context()));

        assertThat(failure).isInstanceOf(ModelApiException.class);
        assertThat(failure.getMessage()).contains("authentication_error").contains("[redacted]");
        assertNoKeyIn(failure);
        assertNoKeyInLogs();
    }

    @Test
    void noFailureKindLeaksTheKey() throws IOException {
        anthropic.server().enqueue(error(429, "rate_limit_error", "slow down " + API_KEY));
        anthropic.server().enqueue(Fixtures.sse(read("stream-start-and-first-delta.sse") + """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded %s"}}

                """.formatted(API_KEY)));
        anthropic.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-start-and-first-delta.sse")))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        var failures = new ArrayList<Throwable>();
        failures.add(catchThrowable(() -> anthropic.client().call(request(false), context())));
        failures.add(catchThrowable(() -> anthropic.client().call(request(true), context(new RecordingObserver()))));
        failures.add(catchThrowable(() -> anthropic.client().call(request(true), context(new RecordingObserver()))));
        var config = Fixtures.configForClosedServer();
        try (var unreachable = new AnthropicModelClient(config)) {
            failures.add(catchThrowable(() -> unreachable.call(request(false), context())));
        }

        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(ModelException.class));
        failures.forEach(SecretsTest::assertNoKeyIn);
        assertNoKeyInLogs();
    }

    @Test
    void theClientAndItsConfigurationRedactTheKey() {
        assertThat(anthropic.client().toString()).doesNotContain(API_KEY).contains("<redacted>");
        assertThat(anthropic.client().config().toString()).doesNotContain(API_KEY);
    }

    private static void assertNoKeyIn(Throwable failure) {
        var trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(API_KEY);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY);
            assertThat(t.toString()).doesNotContain(API_KEY);
        }
    }

    private void assertNoKeyInLogs() {
        List<ILoggingEvent> events = logs.list;
        assertThat(events).as("the client logs at DEBUG").isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(API_KEY));
    }
}
