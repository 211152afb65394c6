package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.testing.FakeClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What only the PostgreSQL store does: several nodes on one database. */
class PostgresStoreTest {

    @Test
    @Timeout(30)
    void aRunAcceptedOnOneNodeWakesTheWorkersOfAnother() throws Exception {
        var clock = new FakeClock();
        try (var database = TestDatabase.create(Backend.POSTGRESQL);
                var api = Stores.open(database.config(), clock);
                var worker = Stores.open(database.config(), clock)) {
            var acme = api.tenants().create("acme", clock.instant());
            var signal = worker.queue().workSignal();
            // the listener says it is listening by signalling once; wait that out
            signal.await(Duration.ofSeconds(5));
            var woken = new CountDownLatch(1);
            var waiter = Thread.ofPlatform().start(() -> {
                try {
                    if (signal.await(Duration.ofSeconds(20))) {
                        woken.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            api.runs().accept(new NewRun("run_1", acme.id(), "alice", Optional.empty(), "hi",
                    dev.mainstay.run.RunLimits.DEFAULTS, Optional.empty(), clock.instant()), Optional.empty(),
                    OnBusy.ENQUEUE, r -> new StoredResponse(202, "application/json", "{}"));

            assertThat(woken.await(20, TimeUnit.SECONDS)).isTrue();
            waiter.join(1_000);
            assertThat(worker.queue().claim("w1", clock.instant(), Duration.ofSeconds(5))).isPresent();
        }
    }

    @Test
    void anUnreachableDatabaseFailsToOpenWithoutShowingThePassword() {
        var config = new StoreConfig("jdbc:postgresql://127.0.0.1:1/test?user=x&password=hunter2", Optional.empty(),
                Optional.of("hunter3"), 2, Duration.ofSeconds(1));

        assertThatThrownBy(() -> Stores.open(config, new FakeClock()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("password=****")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("hunter3"));
    }
}
