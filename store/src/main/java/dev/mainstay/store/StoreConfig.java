package dev.mainstay.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store is and how to reach it.
 *
 * @param url a JDBC URL: {@code jdbc:sqlite:<file>} (default {@value #DEFAULT_URL}) or
 *     {@code jdbc:postgresql://host:port/db}
 * @param user the database user, when the URL does not carry one
 * @param password never logged or echoed
 * @param poolSize connections in the pool (PostgreSQL); SQLite uses one writer
 * @param connectTimeout how long to wait for a connection
 */
public record StoreConfig(String url, Optional<String> user, Optional<String> password, int poolSize,
        Duration connectTimeout) {
    public static final String DEFAULT_URL = "jdbc:sqlite:./data/mainstay.db";
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the store URL must be jdbc:sqlite:<file> or jdbc:postgresql://…");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive, but was " + poolSize);
        }
    }

    public static StoreConfig of(String url) {
        return new StoreConfig(url, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without credentials, for logs and notices. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//[^/@]*:[^/@]*@", "//****@");
    }

    @Override
    public String toString() {
        return "StoreConfig[" + redactedUrl() + ", pool " + poolSize + "]";
    }
}
