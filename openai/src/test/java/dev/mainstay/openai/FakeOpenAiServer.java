package dev.mainstay.openai;

import java.io.IOException;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link MockWebServer} on 127.0.0.1 standing in for a Chat Completions endpoint, and an
 * {@link OpenAiCompatibleModelClient} pointed at it.
 *
 * <p>Register it on an instance field: {@code @RegisterExtension final FakeOpenAiServer openai = new
 * FakeOpenAiServer();}. Before each test the server starts and a client is built from {@link Fixtures#configFor};
 * after each test the client, then the server, are closed. One instance serves one test; not thread-safe.
 */
final class FakeOpenAiServer implements BeforeEachCallback, AfterEachCallback {
    private final MockWebServer server = new MockWebServer();
    private OpenAiCompatibleModelClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        client = new OpenAiCompatibleModelClient(Fixtures.configFor(server));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.close();
    }

    MockWebServer server() {
        return server;
    }

    OpenAiCompatibleModelClient client() {
        return client;
    }

    /** Replaces the client with one built from this server's configuration after {@code change}. */
    OpenAiCompatibleModelClient reconfigure(UnaryOperator<OpenAiConfig> change) {
        client.close();
        client = new OpenAiCompatibleModelClient(change.apply(Fixtures.configFor(server)));
        return client;
    }
}
