package dev.mainstay.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mainstay.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite's one writer, the queue's bookkeeping (claims, renewals) goes ahead of the ordinary writes waiting. */
class SqliteWriteOrderTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = DatabaseConnections.open(StoreConfig.of("jdbc:sqlite:" + dir.resolve("order.db")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aWriteThatGoesFirstOvertakesTheOrdinaryWritesWaitingForTheWriter() throws Exception {
        var order = new CopyOnWriteArrayList<String>();
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        threads.add(Thread.ofVirtual().start(() -> db.write("hold the writer", h -> {
            holding.countDown();
            awaitLatch(release);
            order.add("holder");
            return null;
        })));
        assertThat(holding.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            var name = "ordinary " + i;
            threads.add(Thread.ofVirtual().start(() -> db.write(name, h -> order.add(name))));
        }
        await().atMost(BOUND).until(() -> threads.stream().skip(1).allMatch(SqliteWriteOrderTest::isWaiting));
        threads.add(Thread.ofVirtual().start(() -> db.writeFirst("claim runs", h -> order.add("first"))));
        await().atMost(BOUND).until(() -> isWaiting(threads.getLast()));

        release.countDown();
        for (var thread : threads) {
            assertThat(thread.join(BOUND)).isTrue();
        }

        assertThat(order).hasSize(7);
        // the holder, then at most the one ordinary write already at the writer lock, then the write that goes first
        assertThat(order.indexOf("first")).isBetween(1, 2);
        assertThat(order.subList(0, 1)).containsExactly("holder");
    }

    @Test
    void writesNestedInAWriteThatWentFirstDoNotWaitForTheirTurn() {
        var done = db.writeFirst("renew leases", h -> db.write("nested", inner -> List.of("nested ran")));

        assertThat(done).containsExactly("nested ran");
    }

    private static boolean isWaiting(Thread thread) {
        var state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within " + BOUND);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
