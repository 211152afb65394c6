package dev.mainstay.openai;

import dev.mainstay.testing.RecordingObserver;
import static dev.mainstay.openai.Fixtures.API_KEY;
import static dev.mainstay.openai.Fixtures.context;
import static dev.mainstay.openai.Fixtures.error;
import static dev.mainstay.openai.Fixtures.paddedAfter;
import static dev.mainstay.openai.Fixtures.read;
import static dev.mainstay.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The API key appears in no exception, no toString and no log line, even when a server echoes it back. */
class SecretsTest {
    @RegisterExtension
    final FakeOpenAiServer openai = new FakeOpenAiServer();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger moduleLogger = (Logger) LoggerFactory.getLogger("dev.mainstay.openai");
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
        openai.server().enqueue(error(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: " + API_KEY + ". You can find your API key at https://platform.openai.com."));

        var failure = catchThrowable(() -> openai.client().call(request(false), context()));

        assertThat(failure).isInstanceOf(ModelApiException.class);
        assertThat(failure.getMessage()).contains("authentication_error").contains("[redacted]");
        assertNoKeyIn(failure);
        assertNoKeyInLogs();
    }

    @Test
    void noFailureKindLeaksTheKey() throws Exception {
        openai.server().enqueue(error(429, "requests", "rate_limit_exceeded", "slow down " + API_KEY));
        openai.server().enqueue(Fixtures.sse(read("stream-first-delta.sse") + """
                data: {"error":{"message":"overloaded for %s","type":"server_error","code":null}}

                """.formatted(API_KEY)));
        openai.server().enqueue(Fixtures.sseBuilder(paddedAfter(read("stream-first-delta.sse")))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        openai.server().enqueue(Fixtures.json(200, "{\"error\":\"bad key " + API_KEY + "\"}"));

        var failures = new ArrayList<Throwable>();
        failures.add(catchThrowable(() -> openai.client().call(request(false), context())));
        failures.add(catchThrowable(() -> openai.client().call(request(true), context(new RecordingObserver()))));
        failures.add(catchThrowable(() -> openai.client().call(request(true), context(new RecordingObserver()))));
        failures.add(catchThrowable(() -> openai.client().call(request(false), context())));
        try (var unreachable = new OpenAiCompatibleModelClient(Fixtures.configForClosedServer())) {
            failures.add(catchThrowable(() -> unreachable.call(request(false), context())));
        }

        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(ModelException.class));
        failures.forEach(SecretsTest::assertNoKeyIn);
        assertNoKeyInLogs();
    }

    @Test
    void theClientAndItsConfigurationRedactTheKey() {
        assertThat(openai.client().toString()).doesNotContain(API_KEY).contains("<redacted>");
        assertThat(openai.client().config().toString()).doesNotContain(API_KEY);
    }

    @Test
    void aKeyWithInnerWhitespaceIsRejectedWithoutEchoingIt() {
        var spaced = catchThrowable(() -> new OpenAiConfig("fake key-with-space", null, "gpt-4o", null, null));

        assertThat(spaced).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey must not contain whitespace")
                .hasMessageNotContaining("key-with-space");
    }

    @Test
    void aKeyWithATrailingLineBreakIsTrimmedBeforeItReachesAHeader() {
        var config = new OpenAiConfig(API_KEY + "\n", null, "gpt-4o", null, null);

        assertThat(config.apiKey()).isEqualTo(API_KEY);
    }

    private static void assertNoKeyIn(Throwable failure) {
        var trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(API_KEY);
    }

    private void assertNoKeyInLogs() {
        assertThat(logs.list).as("the client logs at DEBUG").isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(API_KEY));
    }
}
