package dev.mainstay.anthropic;

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
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API key appears in no exception, no toString and no log line, even when a server echoes it back. */
class SecretsTest {
    private final MockWebServer server = new MockWebServer();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger moduleLogger = (Logger) LoggerFactory.getLogger("dev.mainstay.anthropic");
    private Level previousLevel;
    private AnthropicModelClient client;

    @BeforeEach
    void start() throws IOException {
        previousLevel = moduleLogger.getLevel();
        moduleLogger.setLevel(Level.DEBUG);
        logs.start();
        moduleLogger.addAppender(logs);
        server.start();
        client = Fixtures.clientFor(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        moduleLogger.detachAppender(logs);
        moduleLogger.setLevel(previousLevel);
    }

    @Test
    void anAuthenticationErrorThatEchoesTheKeyDoesNotLeakIt() {
        server.enqueue(error(401, "authentication_error", "invalid x-api-key: " + API_KEY));

        var failure = catchThrowable(() -> client.call(request(false), context()));

        assertThat(failure).isInstanceOf(ModelApiException.class);
        assertThat(failure.getMessage()).contains("authentication_error").contains("[redacted]");
        assertNoKeyIn(failure);
        assertNoKeyInLogs();
    }

    @Test
    void noFailureKindLeaksTheKey() throws IOException {
        server.enqueue(error(429, "rate_limit_error", "slow down " + API_KEY));
        server.enqueue(Fixtures.sse(read("stream-start-and-first-delta.sse") + """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded %s"}}

                """.formatted(API_KEY)));
        server.enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-start-and-first-delta.sse")))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        var failures = new ArrayList<Throwable>();
        failures.add(catchThrowable(() -> client.call(request(false), context())));
        failures.add(catchThrowable(() -> client.call(request(true), context(new RecordingObserver()))));
        failures.add(catchThrowable(() -> client.call(request(true), context(new RecordingObserver()))));
        var refused = new MockWebServer();
        refused.start();
        var config = Fixtures.configFor(refused);
        refused.close();
        try (var unreachable = new AnthropicModelClient(config)) {
            failures.add(catchThrowable(() -> unreachable.call(request(false), context())));
        }

        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(ModelException.class));
        failures.forEach(SecretsTest::assertNoKeyIn);
        assertNoKeyInLogs();
    }

    @Test
    void theClientAndItsConfigurationRedactTheKey() {
        assertThat(client.toString()).doesNotContain(API_KEY).contains("<redacted>");
        assertThat(client.config().toString()).doesNotContain(API_KEY);
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
