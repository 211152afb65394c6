package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BothDatabases
class IdempotencyStoreTest extends StoreTest {
    static final IdempotencyKey KEY = new IdempotencyKey("key-1", "sha256:body-1");

    static Admission acceptWithKey(String tenantId, IdempotencyKey key) {
        return store.runs().accept(newRun(tenantId, "alice", Optional.empty()), Optional.of(key), OnBusy.ENQUEUE,
                StoreTest::respond);
    }

    @Test
    void theSameKeyWithTheSameRequestReplaysTheFirstResponse() {
        var acme = tenant("acme");
        var first = (Admission.Accepted) acceptWithKey(acme.id(), KEY);

        var again = acceptWithKey(acme.id(), KEY);

        assertThat(again).isEqualTo(new Admission.Replayed(first.response()));
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        var acme = tenant("acme");
        acceptWithKey(acme.id(), KEY);

        assertThat(acceptWithKey(acme.id(), new IdempotencyKey(KEY.key(), "sha256:body-2")))
                .isEqualTo(new Admission.KeyReused());
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isEqualTo(1);
    }

    @Test
    void aKeyHeldByARequestWaitingForItsRunIsInFlightUntilItsFinalAnswerIsKept() {
        var acme = tenant("acme");
        var first = (Admission.Accepted) store.runs().accept(newRun(acme.id(), "alice", Optional.empty()),
                Optional.of(KEY), OnBusy.ENQUEUE, StoreTest::respond, Duration.ofSeconds(40));

        assertThat(acceptWithKey(acme.id(), KEY)).isEqualTo(new Admission.KeyInFlight());
        assertThat(store.idempotency().recall(acme.id(), KEY, clock.instant()))
                .contains(new Idempotency.Outcome.KeyInFlight());

        var answer = new StoredResponse(200, "application/json", "{\"id\":\"" + first.run().id()
                + "\",\"status\":\"succeeded\"}");
        assertThat(store.idempotency().settle(acme.id(), KEY, answer, clock.instant())).isTrue();

        assertThat(acceptWithKey(acme.id(), KEY)).isEqualTo(new Admission.Replayed(answer));
        assertThat(store.idempotency().recall(acme.id(), KEY, clock.instant()))
                .contains(new Idempotency.Outcome.Replayed(answer));
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isEqualTo(1);
    }

    @Test
    void aHoldThatLapsedWithoutAnAnswerReplaysTheProvisionalOneAndMakesNoSecondRun() {
        var acme = tenant("acme");
        var first = (Admission.Accepted) store.runs().accept(newRun(acme.id(), "alice", Optional.empty()),
                Optional.of(KEY), OnBusy.ENQUEUE, StoreTest::respond, Duration.ofSeconds(40));

        clock.advance(Duration.ofSeconds(41)); // the waiting node died before it kept its answer

        assertThat(acceptWithKey(acme.id(), KEY)).isEqualTo(new Admission.Replayed(first.response()));
        assertThat(acceptWithKey(acme.id(), new IdempotencyKey(KEY.key(), "sha256:body-2")))
                .isEqualTo(new Admission.KeyReused());
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isEqualTo(1);
        // an answer that comes after the hold, or of another request, changes nothing that retries were told
        assertThat(store.idempotency().settle(acme.id(), KEY, new StoredResponse(200, "application/json", "{}"),
                clock.instant())).isFalse();
        assertThat(acceptWithKey(acme.id(), KEY)).isEqualTo(new Admission.Replayed(first.response()));
    }

    @Test
    void keysAreScopedByTenant() {
        var acme = tenant("acme");
        var globex = tenant("globex");
        acceptWithKey(acme.id(), KEY);

        assertThat(acceptWithKey(globex.id(), KEY)).isInstanceOf(Admission.Accepted.class);
    }

    @Test
    void aRefusedRequestKeepsNoKeySoItsRetryCanSucceed() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var busy = store.runs().accept(newRun(acme.id(), "alice", Optional.of(conversation.id())), Optional.of(KEY),
                OnBusy.REJECT, StoreTest::respond);
        assertThat(busy).isInstanceOf(Admission.ConversationBusy.class);
        assertThat(database.count("SELECT COUNT(*) FROM idempotency_keys")).isZero();

        var retry = store.runs().accept(newRun(acme.id(), "alice", Optional.of(conversation.id())), Optional.of(KEY),
                OnBusy.ENQUEUE, StoreTest::respond);
        assertThat(retry).isInstanceOf(Admission.Accepted.class);
    }

    @Test
    @Timeout(120)
    void aThousandConcurrentRequestsWithOneKeyCreateExactlyOneRun() throws Exception {
        var acme = tenant("acme");
        int requests = 1_000;
        var go = new CountDownLatch(1);
        var results = new ArrayList<Admission>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Admission>>();
            for (int i = 0; i < requests; i++) {
                futures.add(threads.submit(() -> {
                    assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
                    return acceptWithKey(acme.id(), KEY);
                }));
            }
            go.countDown();
            for (var future : futures) {
                results.add(future.get(100, TimeUnit.SECONDS));
            }
        }

        var accepted = results.stream().filter(Admission.Accepted.class::isInstance)
                .map(Admission.Accepted.class::cast).toList();
        assertThat(accepted).hasSize(1);
        assertThat(results).hasSize(requests).allSatisfy(r -> assertThat(r).isIn(accepted.getFirst(),
                new Admission.Replayed(accepted.getFirst().response())));
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isEqualTo(1);
    }

    @Test
    void anActionRunsOnceAndItsResponseIsReplayed() {
        var calls = new AtomicInteger();
        var response = new StoredResponse(201, "application/json", "{\"id\":\"conv_1\"}");

        var first = store.idempotency().execute("ten_1", KEY, clock.instant(), () -> {
            calls.incrementAndGet();
            return response;
        });
        var again = store.idempotency().execute("ten_1", KEY, clock.instant(), () -> {
            calls.incrementAndGet();
            return response;
        });
        var reused = store.idempotency().execute("ten_1", new IdempotencyKey(KEY.key(), "other"), clock.instant(),
                () -> response);
        var otherTenant = store.idempotency().execute("ten_2", KEY, clock.instant(), () -> response);

        assertThat(first).isEqualTo(new Idempotency.Outcome.Executed(response));
        assertThat(again).isEqualTo(new Idempotency.Outcome.Replayed(response));
        assertThat(reused).isEqualTo(new Idempotency.Outcome.KeyReused());
        assertThat(otherTenant).isEqualTo(new Idempotency.Outcome.Executed(response));
        assertThat(calls).hasValue(1);
    }

    @Test
    @Timeout(30)
    void aDuplicateWhileTheFirstRunsIsToldSoAndADeadRequestsKeyIsTakenOverAfterTheTimeout() throws Exception {
        var started = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        var response = new StoredResponse(200, "application/json", "{}");
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var slow = threads.submit(() -> store.idempotency().execute("ten_1", KEY, clock.instant(), () -> {
                started.countDown();
                try {
                    assertThat(finish.await(20, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return response;
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(store.idempotency().execute("ten_1", KEY, clock.instant(), () -> response))
                    .isEqualTo(new Idempotency.Outcome.KeyInFlight());
            var later = clock.instant().plus(Idempotency.IN_FLIGHT_TIMEOUT);
            var takeover = new StoredResponse(200, "application/json", "{\"takeover\":true}");
            assertThat(store.idempotency().execute("ten_1", KEY, later, () -> takeover))
                    .isEqualTo(new Idempotency.Outcome.Executed(takeover));

            finish.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(new Idempotency.Outcome.Executed(response));
        }
        assertThat(store.idempotency().execute("ten_1", KEY, clock.instant(), () -> response))
                .isEqualTo(new Idempotency.Outcome.Replayed(new StoredResponse(200, "application/json",
                        "{\"takeover\":true}")));
    }

    @Test
    void aFailedActionLeavesNoKeySoItCanBeRetried() {
        assertThatThrownBy(() -> store.idempotency().execute("ten_1", KEY, clock.instant(), () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        var response = new StoredResponse(200, "text/plain", "ok");
        assertThat(store.idempotency().execute("ten_1", KEY, clock.instant(), () -> response))
                .isEqualTo(new Idempotency.Outcome.Executed(response));
    }

    @Test
    void keysOlderThanTheCutoffArePurged() {
        var response = new StoredResponse(200, "text/plain", "ok");
        store.idempotency().execute("ten_1", new IdempotencyKey("old", "h"), clock.instant(), () -> response);
        clock.advance(Duration.ofHours(25));
        store.idempotency().execute("ten_1", new IdempotencyKey("new", "h"), clock.instant(), () -> response);

        assertThat(store.idempotency().purgeBefore(clock.instant().minus(Duration.ofHours(24)))).isEqualTo(1);
        assertThat(database.strings("SELECT idem_key FROM idempotency_keys")).isEqualTo(List.of("new"));
    }
}
