package dev.mainstay.store;

import static dev.mainstay.store.QueueStoreTest.delta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunStarted;
import dev.mainstay.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@BothDatabases
class EventLogStoreTest extends StoreTest {

    @Test
    void eventsAreReadBackInOrderAfterAnySequenceNumber() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        store.events().append(claim.fence(), new RunStarted(new EventMeta(run.id(), acme.id(), 1, clock.instant()),
                "alice", "reference", false));
        store.events().appendAll(claim.fence(), List.of(delta(run.id(), acme.id(), 2), delta(run.id(), acme.id(), 3),
                delta(run.id(), acme.id(), 4)));

        var all = store.events().after(acme.id(), run.id(), 0, 100);
        assertThat(all).extracting(EventLog.StoredEvent::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(EventLog.StoredEvent::type).containsExactly("run_started", "text_delta",
                "text_delta", "text_delta");
        assertThat(all.getFirst().at()).isEqualTo(clock.instant());
        assertThat(Json.parseObject(all.get(1).json()).path("text").asText()).isEqualTo("chunk 2");
        assertThat(Json.parseObject(all.get(1).json()).path("v").asInt()).isEqualTo(1);
        assertThat(store.events().after(acme.id(), run.id(), 2, 1)).extracting(EventLog.StoredEvent::seq)
                .containsExactly(3L);
        assertThat(store.events().after(acme.id(), run.id(), 4, 100)).isEmpty();
        assertThat(store.events().lastSeq(run.id())).isEqualTo(4);
    }

    @Test
    void aBatchLargerThanOneStatementCarriesIsStoredWholeAndInOrder() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        var batch = java.util.stream.LongStream.rangeClosed(1, 1_200).mapToObj(seq -> delta(run.id(), acme.id(), seq))
                .toList();

        store.events().appendAll(claim.fence(), batch);

        assertThat(store.events().after(acme.id(), run.id(), 0, 2_000)).extracting(EventLog.StoredEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 1_200).boxed().toList());
        assertThat(store.events().lastSeq(run.id())).isEqualTo(1_200);
    }

    @Test
    void anotherTenantOrAnUnknownRunHasNoEvents() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        store.events().append(claim("w1").fence(), delta(run.id(), acme.id(), 1));

        assertThat(store.events().after(tenant("globex").id(), run.id(), 0, 100)).isEmpty();
        assertThat(store.events().after(acme.id(), "run_nowhere", 0, 100)).isEmpty();
        assertThat(store.events().lastSeq("run_nowhere")).isZero();
    }

    @Test
    void anAppendRetriedAfterAnAmbiguousFailureStoresNothingTwice() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        var batch = List.of(delta(run.id(), acme.id(), 1), delta(run.id(), acme.id(), 2));
        store.events().appendAll(claim.fence(), batch);

        store.events().appendAll(claim.fence(), batch);

        assertThat(store.events().after(acme.id(), run.id(), 0, 100)).hasSize(2);
    }

    @Test
    void anEventOfAnotherRunIsRefused() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var claim = claim("w1");

        assertThatThrownBy(() -> store.events().append(claim.fence(), delta("run_other", acme.id(), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purgingDeletesTheEventsOfRunsFinishedBeforeTheCutoffAndKeepsTheirLastSequence() {
        var acme = tenant("acme");
        var old = accept(acme.id(), "alice");
        var recent = accept(acme.id(), "alice");
        var running = accept(acme.id(), "alice");
        var c1 = claim("w1");
        var c2 = claim("w1");
        var c3 = claim("w1");
        store.events().append(c1.fence(), delta(old.id(), acme.id(), 1));
        store.events().append(c2.fence(), delta(recent.id(), acme.id(), 1));
        store.events().append(c3.fence(), delta(running.id(), acme.id(), 1));
        store.queue().finish(c1.fence(), QueueStoreTest.completed("old"));
        clock.advance(Duration.ofHours(25));
        store.queue().finish(c2.fence(), QueueStoreTest.completed("recent"));

        int purged = store.events().purgeFinishedBefore(clock.instant().minus(Duration.ofHours(24)));

        assertThat(purged).isEqualTo(1);
        assertThat(store.events().after(acme.id(), old.id(), 0, 10)).isEmpty();
        assertThat(store.events().lastSeq(old.id())).isEqualTo(1);
        assertThat(store.events().after(acme.id(), recent.id(), 0, 10)).hasSize(1);
        assertThat(store.events().after(acme.id(), running.id(), 0, 10)).hasSize(1);
    }
}
