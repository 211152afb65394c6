package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.Message;
import dev.mainstay.model.TextBlock;
import dev.mainstay.run.RunStopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@BothDatabases
class RunsStoreTest extends StoreTest {

    @Test
    void anAcceptedRunIsStoredQueuedWithWhatWasAsked() {
        var acme = tenant("acme");
        var asked = newRun(acme.id(), "alice", Optional.empty());

        var admission = store.runs().accept(asked, Optional.empty(), OnBusy.ENQUEUE, StoreTest::respond);

        var accepted = (Admission.Accepted) admission;
        assertThat(accepted.response()).isEqualTo(respond(accepted.run()));
        var stored = run(acme.id(), asked.id());
        assertThat(stored).isEqualTo(accepted.run());
        assertThat(stored.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(stored.input()).isEqualTo(asked.input());
        assertThat(stored.createdAt()).isEqualTo(asked.createdAt());
        assertThat(stored.leaseEpoch()).isZero();
        assertThat(stored.traceparent()).isEqualTo(asked.traceparent());
    }

    @Test
    void aRunsResponseCacheOptInIsKeptThroughTheQueueAndAnOtherRunIsNotOptedIn() {
        var acme = tenant("acme");
        var optedIn = accept(newRun(acme.id(), "alice", Optional.empty()).withCacheResponses(true));
        var plain = accept(acme.id(), "alice");

        assertThat(optedIn.cacheResponses()).isTrue();
        assertThat(run(acme.id(), optedIn.id()).cacheResponses()).isTrue();
        assertThat(run(acme.id(), plain.id()).cacheResponses()).isFalse();
        assertThat(claim("w1").run()).satisfies(r -> {
            assertThat(r.id()).isEqualTo(optedIn.id());
            assertThat(r.cacheResponses()).isTrue();
        });
        assertThat(claim("w1").run().cacheResponses()).isFalse();
    }

    @Test
    void aRunOfATenantThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> accept("ten_nowhere", "alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ten_nowhere");
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isZero();
    }

    @Test
    void aRunBeyondTheTenantsQueueBoundIsRefusedAndNothingIsStored() {
        var acme = tenant("acme");
        store.tenants().updateLimits(acme.id(), acme.limits().withMaxQueuedRuns(2));
        var globex = tenant("globex");
        accept(acme.id(), "alice");
        accept(acme.id(), "alice");

        var key = new IdempotencyKey("k-1", "hash-1");
        var refused = store.runs().accept(newRun(acme.id(), "alice", Optional.empty()), Optional.of(key),
                OnBusy.ENQUEUE, StoreTest::respond);

        assertThat(refused).isEqualTo(new Admission.QueueFull(2));
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isEqualTo(2);
        assertThat(database.count("SELECT COUNT(*) FROM idempotency_keys")).isZero();
        assertThat(accept(globex.id(), "bob").status()).isEqualTo(RunStatus.QUEUED);
        claim("w1");
        assertThat(store.runs().accept(newRun(acme.id(), "alice", Optional.empty()), Optional.of(key),
                OnBusy.ENQUEUE, StoreTest::respond)).isInstanceOf(Admission.Accepted.class);
    }

    @Test
    void findIsScopedByTenant() {
        var acme = tenant("acme");
        var globex = tenant("globex");
        var run = accept(acme.id(), "alice");

        assertThat(store.runs().find(acme.id(), run.id())).isPresent();
        assertThat(store.runs().find(globex.id(), run.id())).isEmpty();
        assertThat(store.runs().find(acme.id(), "run_nowhere")).isEmpty();
    }

    @Test
    void listingPagesNewestFirstWithOpaqueCursorsAndNoDuplicates() {
        var acme = tenant("acme");
        var created = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            created.add(accept(acme.id(), "alice").id());
        }
        // two runs created at the same instant are still ordered (by id)
        var sameInstant = newRun(acme.id(), "alice", Optional.empty());
        created.add(accept(sameInstant).id());
        created.add(accept(new NewRun(sameInstant.id() + "b", acme.id(), "alice", Optional.empty(), "x",
                sameInstant.limits(), Optional.empty(), sameInstant.createdAt())).id());

        var seen = new ArrayList<String>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            var page = store.runs().list(acme.id(), new RunFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                    cursor, 2));
            page.items().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());

        assertThat(pages).isEqualTo(5);
        // newest first; of the two created at one instant, the greater id first
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void listingFiltersByUserStatusAndConversation() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        var alices = accept(acme.id(), "alice");
        var bobs = accept(acme.id(), "bob");
        var inConversation = accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        claim("w1");

        assertThat(list(acme.id(), Optional.of("bob"), Optional.empty(), Optional.empty())).containsExactly(bobs.id());
        assertThat(list(acme.id(), Optional.empty(), Optional.of(RunStatus.RUNNING), Optional.empty()))
                .containsExactly(alices.id());
        assertThat(list(acme.id(), Optional.empty(), Optional.empty(), Optional.of(conversation.id())))
                .containsExactly(inConversation.id());
        assertThat(list(acme.id(), Optional.of("alice"), Optional.of(RunStatus.QUEUED), Optional.empty()))
                .containsExactly(inConversation.id());
        assertThat(list(tenant("globex").id(), Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
    }

    private static List<String> list(String tenantId, Optional<String> user, Optional<RunStatus> status,
            Optional<String> conversation) {
        return store.runs().list(tenantId, new RunFilter(user, status, conversation, Optional.empty(), 100)).items()
                .stream().map(RunRecord::id).toList();
    }

    @Test
    void aCursorThatWasNotGivenOutIsRefused() {
        var acme = tenant("acme");
        for (var bad : List.of("garbage!", "djE6eDp5", "")) {
            assertThatThrownBy(() -> store.runs().list(acme.id(), new RunFilter(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(bad), 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
        }
    }

    @Test
    void cancellingAQueuedRunCancelsItAtOnce() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        clock.advance(Duration.ofSeconds(1));

        var cancelled = store.runs().requestCancel(acme.id(), run.id(), clock.instant()).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.stopReason()).contains(RunStopReason.CANCELLED);
        assertThat(cancelled.finishedAt()).contains(clock.instant());
        assertThat(tryClaim("w1")).isEmpty();
    }

    @Test
    void cancellingARunningRunFlagsItForItsWorker() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");

        var flagged = store.runs().requestCancel(acme.id(), run.id(), clock.instant()).orElseThrow();

        assertThat(flagged.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(store.queue().renew("w1", List.of(claim.fence()), clock.instant(), LEASE).cancelRequested())
                .containsExactly(run.id());
    }

    @Test
    void cancellingAFinishedRunChangesNothingAndAnotherTenantsRunIsNotFound() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        store.queue().finish(claim("w1").fence(), QueueStoreTest.completed("4"));

        var after = store.runs().requestCancel(acme.id(), run.id(), clock.instant()).orElseThrow();

        assertThat(after.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(after.cancelRequested()).isFalse();
        assertThat(store.runs().requestCancel(tenant("globex").id(), run.id(), clock.instant())).isEmpty();
        assertThat(store.runs().requestCancel(acme.id(), "run_nowhere", clock.instant())).isEmpty();
    }

    @Test
    void aRunInAConversationOfAnotherUserOrNoneIsRefusedAndNothingIsStored() {
        var acme = tenant("acme");
        var alices = store.conversations().create(acme.id(), "alice", clock.instant());

        assertThat(store.runs().accept(newRun(acme.id(), "bob", Optional.of(alices.id())), Optional.empty(),
                OnBusy.ENQUEUE, StoreTest::respond)).isEqualTo(new Admission.NoSuchConversation(alices.id()));
        assertThat(store.runs().accept(newRun(acme.id(), "alice", Optional.of("conv_nowhere")), Optional.empty(),
                OnBusy.ENQUEUE, StoreTest::respond)).isEqualTo(new Admission.NoSuchConversation("conv_nowhere"));
        assertThat(database.count("SELECT COUNT(*) FROM runs")).isZero();
    }

    @Test
    void aBusyConversationQueuesTheRunOrRefusesItAsAsked() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));

        var refused = store.runs().accept(newRun(acme.id(), "alice", Optional.of(conversation.id())),
                Optional.empty(), OnBusy.REJECT, StoreTest::respond);
        var queued = store.runs().accept(newRun(acme.id(), "alice", Optional.of(conversation.id())),
                Optional.empty(), OnBusy.ENQUEUE, StoreTest::respond);

        assertThat(refused).isEqualTo(new Admission.ConversationBusy(conversation.id()));
        assertThat(queued).isInstanceOf(Admission.Accepted.class);
        assertThat(database.count("SELECT COUNT(*) FROM runs WHERE conversation_id = ?", conversation.id()))
                .isEqualTo(2);
    }

    @Test
    void aFinishedRunAppendsItsTaskAndAnswerToTheConversation() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        store.queue().finish(claim("w1").fence(), QueueStoreTest.completed("Sunny, 24°C."));
        accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var failed = claim("w1");
        store.queue().finish(failed.fence(), new RunEnd(RunStopReason.FAILED, "", Optional.empty(),
                dev.mainstay.model.Usage.ZERO, dev.mainstay.cost.Cost.ZERO, clock.instant()));

        assertThat(store.conversations().history(acme.id(), conversation.id())).containsExactly(
                Message.user("What is 2 + 2?"), Message.assistant(List.of(new TextBlock("Sunny, 24°C."))));
        assertThat(store.conversations().history(tenant("globex").id(), conversation.id())).isEmpty();
        assertThat(database.strings("SELECT payload FROM conversation_messages")).allSatisfy(p ->
                assertThat(p).contains("\"v\":1"));
    }

    @Test
    void aDeletedConversationLosesItsHistoryButKeepsItsRuns() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        var run = accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var claim = claim("w1");

        assertThat(store.conversations().delete(acme.id(), Optional.of("bob"), conversation.id())).isFalse();
        assertThat(store.conversations().delete(acme.id(), Optional.of("alice"), conversation.id())).isTrue();
        store.queue().finish(claim.fence(), QueueStoreTest.completed("answer"));

        assertThat(store.conversations().find(acme.id(), Optional.empty(), conversation.id())).isEmpty();
        assertThat(store.conversations().history(acme.id(), conversation.id())).isEmpty();
        assertThat(database.count("SELECT COUNT(*) FROM conversation_messages")).isZero();
        assertThat(run(acme.id(), run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(store.conversations().delete(acme.id(), Optional.empty(), conversation.id())).isFalse();
    }

    @Test
    void aConversationIsFoundOnlyInItsTenantAndForItsUser() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());

        assertThat(store.conversations().find(acme.id(), Optional.of("alice"), conversation.id()))
                .contains(conversation);
        assertThat(store.conversations().find(acme.id(), Optional.empty(), conversation.id())).contains(conversation);
        assertThat(store.conversations().find(acme.id(), Optional.of("bob"), conversation.id())).isEmpty();
        assertThat(store.conversations().find(tenant("globex").id(), Optional.empty(), conversation.id())).isEmpty();
        assertThatThrownBy(() -> store.conversations().create("ten_nowhere", "alice", clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
