package dev.mainstay.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.StoreException;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On PostgreSQL the queue's own writes have connections of their own: runs holding the whole pool do not stop them. */
class PostgresQueueConnectionsTest {
    private static final String POSTGRES = System.getenv().getOrDefault("MAINSTAY_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final Duration BOUND = Duration.ofSeconds(20);

    String schema;
    Database db;

    @BeforeEach
    void open() throws Exception {
        schema = "queue_conn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        db = DatabaseConnections.open(new StoreConfig(POSTGRES + "&currentSchema=" + schema, Optional.empty(),
                Optional.empty(), 2, Duration.ofSeconds(1)));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        try (var c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void aWriteThatGoesFirstGetsAConnectionWhileRunsHoldEveryOneOfThePool() throws Exception {
        var inside = new CountDownLatch(2);
        var release = new CountDownLatch(1);
        var holders = new ArrayList<Thread>();
        for (int i = 0; i < 2; i++) {
            holders.add(Thread.ofVirtual().start(() -> db.write("a run's journal", h -> {
                inside.countDown();
                try {
                    return release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            })));
        }
        try {
            assertThat(inside.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> db.write("one more", h -> 1)).as("the pool is used up")
                    .isInstanceOf(StoreException.class);

            int renewed = db.writeFirst("renew leases",
                    h -> h.createQuery("SELECT count(*) FROM runs").mapTo(Integer.class).one());

            assertThat(renewed).isZero();
        } finally {
            release.countDown();
            for (var holder : holders) {
                assertThat(holder.join(BOUND)).isTrue();
            }
        }
    }
}
