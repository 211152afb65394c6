package dev.mainstay.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyFlightsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final KeyFlights flights = new KeyFlights(clock);
    private final IdempotencyKey key = new IdempotencyKey("order-1", "hash-a");
    private final StoredResponse accepted = new StoredResponse(202, "application/json", "{\"id\":\"run_1\"}");

    @Test
    void aDuplicateWaitsForTheFirstRequestAndGetsItsAnswer() throws Exception {
        var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var duplicate = CompletableFuture.supplyAsync(() -> take("t1", key), threads);
            assertThat(duplicate).isNotDone();

            lead.answer(accepted);

            assertThat(duplicate.get(10, TimeUnit.SECONDS)).isEqualTo(new KeyFlights.Turn.Answered(accepted));
        }
    }

    @Test
    void anAnsweredKeyReplaysTheSameRequestAndRefusesAnother() throws Exception {
        try (var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT)) {
            lead.answer(accepted);
        }

        assertThat(flights.take("t1", key, WAIT)).isEqualTo(new KeyFlights.Turn.Answered(accepted));
        assertThat(flights.take("t1", new IdempotencyKey("order-1", "hash-b"), WAIT))
                .isEqualTo(new KeyFlights.Turn.OtherRequest());
        assertThat(flights.recall("t1", key)).contains(new KeyFlights.Turn.Answered(accepted));
    }

    @Test
    void keysAreScopedByTenant() throws Exception {
        try (var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT)) {
            lead.answer(accepted);
        }

        assertThat(flights.take("t2", key, WAIT)).isInstanceOf(KeyFlights.Lead.class);
        assertThat(flights.recall("t2", key)).isEmpty();
    }

    @Test
    void aFirstRequestThatKeptNothingLetsTheNextOneAskTheStore() throws Exception {
        var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var duplicate = CompletableFuture.supplyAsync(() -> take("t1", key), threads);

            lead.close(); // refused (a full queue, a store error): nothing was kept for the key

            assertThat(duplicate.get(10, TimeUnit.SECONDS)).isInstanceOf(KeyFlights.Lead.class);
        }
    }

    @Test
    void aDuplicateThatWaitedItsTimeIsToldTheFirstIsStillRunning() throws Exception {
        var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT);

        assertThat(flights.take("t1", key, Duration.ZERO)).isEqualTo(new KeyFlights.Turn.StillRunning());
        lead.close();
    }

    @Test
    void aDuplicateOfARequestThatGoesOnWaitingForItsRunIsToldAtOnceItIsStillRunning() throws Exception {
        var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var waiting = CompletableFuture.supplyAsync(() -> take("t1", key), threads);

            lead.goesOn(); // accepted; now it waits for its run, holding the key

            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new KeyFlights.Turn.StillRunning());
            assertThat(flights.take("t1", key, WAIT)).isEqualTo(new KeyFlights.Turn.StillRunning());
            var finalAnswer = new StoredResponse(200, "application/json", "{\"id\":\"run_1\"}");
            lead.answer(finalAnswer);
            assertThat(flights.take("t1", key, WAIT)).isEqualTo(new KeyFlights.Turn.Answered(finalAnswer));
        }
    }

    @Test
    void aLargeAnswerGoesToTheRequestsThatWaitedButIsNotRemembered() throws Exception {
        var large = new StoredResponse(200, "application/json",
                "{\"id\":\"run_1\",\"steps\":\"" + "x".repeat(KeyFlights.MAX_REMEMBERED_BODY) + "\"}");
        var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT);
        var result = new CompletableFuture<KeyFlights.Turn>();
        var duplicate = new Thread(() -> result.complete(take("t1", key)));
        duplicate.start();
        // waiting for the lead's answer
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> duplicate.getState() == Thread.State.TIMED_WAITING);

        lead.answer(large);

        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new KeyFlights.Turn.Answered(large));
        assertThat(flights.recall("t1", key)).isEmpty();
        assertThat(flights.take("t1", key, WAIT)).isInstanceOf(KeyFlights.Lead.class);
    }

    @Test
    void anAnswerIsForgottenAfterItsTimeAndTheStoreIsAskedAgain() throws Exception {
        try (var lead = (KeyFlights.Lead) flights.take("t1", key, WAIT)) {
            lead.answer(accepted);
        }

        now.set(now.get().plus(KeyFlights.REMEMBER));

        assertThat(flights.recall("t1", key)).isEmpty();
        assertThat(flights.take("t1", key, WAIT)).isInstanceOf(KeyFlights.Lead.class);
    }

    private KeyFlights.Turn take(String tenant, IdempotencyKey key) {
        try {
            return flights.take(tenant, key, WAIT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
