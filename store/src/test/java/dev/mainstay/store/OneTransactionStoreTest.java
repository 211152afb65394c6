package dev.mainstay.store;

import static dev.mainstay.store.QueueStoreTest.delta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.Recorded;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Store#inOneTransaction}: the parts' writes inside it commit together, or none of them does. */
@BothDatabases
class OneTransactionStoreTest extends StoreTest {

    @Test
    void aJournalEntryAndEventsWrittenTogetherAreBothStored() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");

        long seq = store.inOneTransaction(() -> {
            store.events().appendAll(claim.fence(), List.of(delta(run.id(), acme.id(), 1),
                    delta(run.id(), acme.id(), 2)));
            return store.journal().append(claim.fence(), Entries.opened(run.id()));
        });

        assertThat(seq).isEqualTo(1);
        assertThat(store.journal().read(run.id())).hasSize(1);
        assertThat(store.events().after(acme.id(), run.id(), 0, 10)).extracting(EventLog.StoredEvent::seq)
                .containsExactly(1L, 2L);
    }

    @Test
    void anAppendWithEventsStoresTheEntryTheEventsAndTheRunsAgentUnderOneFence() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");

        long seq = store.appendWithEvents(claim.fence(), List.of(Entries.opened(run.id())),
                List.of(delta(run.id(), acme.id(), 1), delta(run.id(), acme.id(), 2)));
        long next = store.appendWithEvents(claim.fence(), List.of(Entries.modelStep(1)), List.of());

        assertThat(List.of(seq, next)).containsExactly(1L, 2L);
        assertThat(store.journal().read(run.id())).hasSize(2);
        assertThat(store.events().after(acme.id(), run.id(), 0, 10)).extracting(EventLog.StoredEvent::seq)
                .containsExactly(1L, 2L);
        assertThat(store.events().lastSeq(run.id())).isEqualTo(2);
        assertThat(database.strings("SELECT agent FROM runs WHERE id = '" + run.id() + "'"))
                .containsExactly("reference");
    }

    @Test
    void anAppendWithEventsUnderAStaleFenceStoresNeitherTheEntryNorTheEvents() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var first = claim("w1");
        clock.advance(LEASE.plusSeconds(1));
        claim("w2");

        assertThatThrownBy(() -> store.appendWithEvents(first.fence(), List.of(Entries.opened(run.id())),
                List.of(delta(run.id(), acme.id(), 1)))).isInstanceOf(FencedOutException.class);

        assertThat(store.journal().read(run.id())).isEmpty();
        assertThat(store.events().after(acme.id(), run.id(), 0, 10)).isEmpty();
        assertThat(store.events().lastSeq(run.id())).isZero();
    }

    @Test
    void anAppendWithMoreEventsThanOneStatementCarriesStoresThemAll() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        var events = java.util.stream.LongStream.rangeClosed(1, 700).mapToObj(n -> delta(run.id(), acme.id(), n))
                .toList();

        store.appendWithEvents(claim.fence(), List.of(Entries.opened(run.id())), events);

        assertThat(store.events().after(acme.id(), run.id(), 0, 1_000)).hasSize(700);
        assertThat(store.events().lastSeq(run.id())).isEqualTo(700);
    }

    @Test
    void eventsAlreadyStoredAreSkippedAndTheHighWaterMarkNeverGoesBack() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        store.events().appendAll(claim.fence(), List.of(delta(run.id(), acme.id(), 1), delta(run.id(), acme.id(), 5)));

        store.appendWithEvents(claim.fence(), List.of(Entries.opened(run.id())),
                List.of(delta(run.id(), acme.id(), 1), delta(run.id(), acme.id(), 2)));

        assertThat(store.events().after(acme.id(), run.id(), 0, 10)).extracting(EventLog.StoredEvent::seq)
                .containsExactly(1L, 2L, 5L);
        assertThat(store.events().lastSeq(run.id())).isEqualTo(5);
    }

    @Test
    void severalEntriesAppendedTogetherAreNumberedInOrderOrNoneIsWritten() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        store.appendWithEvents(claim.fence(), List.of(Entries.opened(run.id()), Entries.toolStep("toolu_1")),
                List.of(delta(run.id(), acme.id(), 1)));

        assertThatThrownBy(() -> store.appendWithEvents(claim.fence(),
                List.of(Entries.modelStep(1), Entries.toolStep("toolu_1")), List.of(delta(run.id(), acme.id(), 2))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.journal().read(run.id())).extracting(Recorded::seq).containsExactly(1L, 2L);
        assertThat(store.events().lastSeq(run.id())).isEqualTo(1);
        assertThat(store.journal().appendAll(claim.fence(), List.of(Entries.modelStep(1), Entries.closed())))
                .isEqualTo(4);
    }

    @Test
    void whenTheWorkFailsNothingOfItIsStored() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");

        assertThatThrownBy(() -> store.inOneTransaction(() -> {
            store.events().append(claim.fence(), delta(run.id(), acme.id(), 1));
            store.journal().append(claim.fence(), Entries.opened(run.id()));
            throw new IllegalStateException("the caller changed its mind");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.journal().read(run.id())).isEmpty();
        assertThat(store.events().after(acme.id(), run.id(), 0, 10)).isEmpty();
        assertThat(store.events().lastSeq(run.id())).isZero();
        assertThat(store.journal().append(claim.fence(), Entries.opened(run.id()))).isEqualTo(1);
    }

    @Test
    void aStaleFenceInsideRefusesTheWholeTransaction() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var first = claim("w1");
        clock.advance(LEASE.plusSeconds(1));
        var second = claim("w2");

        assertThatThrownBy(() -> store.inOneTransaction(() -> {
            store.events().append(second.fence(), delta(run.id(), acme.id(), 1));
            return store.journal().append(first.fence(), Entries.opened(run.id()));
        })).isInstanceOf(FencedOutException.class);

        assertThat(store.events().after(acme.id(), run.id(), 0, 10)).isEmpty();
        assertThat(store.journal().read(run.id())).isEmpty();
    }

    @Test
    void aFinishWithItsLastEventsWakesTheWorkersOnlyAfterTheCommit() throws Exception {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        var signal = store.queue().workSignal();

        store.inOneTransaction(() -> {
            store.events().append(claim.fence(), delta(run.id(), acme.id(), 1));
            store.queue().finish(claim.fence(), QueueStoreTest.completed("done"));
            return null;
        });

        assertThat(signal.await(Duration.ofSeconds(5))).isTrue();
        assertThat(run(acme.id(), run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(store.events().lastSeq(run.id())).isEqualTo(1);
    }

    @Test
    void aFinishRolledBackWithTheRestLeavesTheRunRunning() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");

        assertThatThrownBy(() -> store.inOneTransaction(() -> {
            store.queue().finish(claim.fence(), QueueStoreTest.completed("done"));
            store.journal().append(new Fence(run.id(), claim.fence().epoch()), Entries.closed());
            return null;
        })).isInstanceOf(FencedOutException.class);

        assertThat(run(acme.id(), run.id()).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.journal().append(claim.fence(), Entries.closed())).isEqualTo(1);
    }
}
