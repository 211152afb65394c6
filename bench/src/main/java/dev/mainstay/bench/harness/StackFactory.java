package dev.mainstay.bench.harness;

import java.net.URI;

/** Opens a {@link Stack} against a Messages API server. */
@FunctionalInterface
public interface StackFactory {
    /**
     * @param baseUrl the server's root, {@code http://HOST:PORT}, without {@code /v1}; each stack adds what its
     *     client needs
     */
    Stack open(URI baseUrl) throws Exception;
}
