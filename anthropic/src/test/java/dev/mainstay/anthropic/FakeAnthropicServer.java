package dev.mainstay.anthropic;

import java.io.IOException;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link MockWebServer} standing in for the Messages API, and an {@link AnthropicModelClient} pointed at it.
 *
 * <p>Register it on an instance field, {@code @RegisterExtension final FakeAnthropicServer anthropic = new
 * FakeAnthropicServer();}: before each test the server starts and a client is built with
 * {@link Fixtures#clientFor}; after each test (and after the test class's own {@code @AfterEach} methods) the
 * client, then the server, are closed. One instance serves one test; it is not thread-safe.
 */
final class FakeAnthropicServer implements BeforeEachCallback, AfterEachCallback {
    private final MockWebServer server = new MockWebServer();
    private AnthropicModelClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.start();
        client = Fixtures.clientFor(server);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.close();
    }

    /** The started server; enqueue responses on it and read the requests it received. */
    MockWebServer server() {
        return server;
    }

    /** The client in use for this test: the default one, or the last one {@link #reconfigure} built. */
    AnthropicModelClient client() {
        return client;
    }

    /**
     * Closes the current client and replaces it with one built from this server's {@link Fixtures#configFor
     * configuration} after {@code change}; the new client is closed after the test like the first.
     */
    AnthropicModelClient reconfigure(UnaryOperator<AnthropicConfig> change) {
        client.close();
        client = new AnthropicModelClient(change.apply(Fixtures.configFor(server)));
        return client;
    }
}
