package dev.mainstay.server.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.event.EventMeta;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.TextDelta;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.server.internal.service.RunSignals;
import dev.mainstay.store.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventWriterTest {
    static final Fence FENCE = new Fence("run_1", 2);

    @Test
    void eventsAreStoredInOrderAndFlushWaitsForThem() throws Exception {
        var log = new FakeLog();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1));
        for (int seq = 1; seq <= 500; seq++) {
            writer.offer(delta(seq));
        }

        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(log.stored).extracting(RunEvent::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 500).boxed().toList());
    }

    @Test
    void aFailingStoreIsRetriedThenTheWriterGivesUpAndSaysSo() throws Exception {
        var log = new FakeLog();
        log.failures.set(2);
        var failed = new AtomicBoolean();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(5));
        writer.onFailure(() -> failed.set(true));
        writer.offer(delta(1));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(log.stored).hasSize(1);

        log.failures.set(Integer.MAX_VALUE);
        var giving = new EventWriter(log, FENCE, new RunSignals(), Duration.ofMillis(200));
        giving.onFailure(() -> failed.set(true));
        giving.offer(delta(2));
        assertThat(giving.flush(Duration.ofSeconds(10))).isFalse();
        assertThat(failed).isTrue();
        giving.offer(delta(3));
        assertThat(log.stored).hasSize(1);
    }

    @Test
    void aRefusedFenceStopsTheWriterQuietly() throws Exception {
        var log = new FakeLog();
        log.fenced = true;
        var failed = new AtomicBoolean();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1));
        writer.onFailure(() -> failed.set(true));
        writer.offer(delta(1));

        assertThat(writer.flush(Duration.ofSeconds(10))).isFalse();
        assertThat(failed).isFalse();
    }

    @Test
    void theRunsNextWriteCarriesTheEventsHandedOverBeforeIt() throws Exception {
        var log = new FakeLog();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1), Duration.ofHours(1));
        writer.offer(delta(1));
        writer.offer(delta(2));

        var carried = writer.storeWith(events -> {
            log.appendAll(FENCE, events);
            return List.copyOf(events);
        });
        writer.offer(delta(3));

        assertThat(carried).extracting(RunEvent::seq).containsExactly(1L, 2L);
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(log.stored).extracting(RunEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(log.batches).isEqualTo(2);
    }

    @Test
    void eventsOfAFailedWriteGoBackToTheWriterAheadOfLaterOnes() throws Exception {
        var log = new FakeLog();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1), Duration.ofHours(1));
        writer.offer(delta(1));

        assertThatThrownBy(() -> writer.storeWith(events -> {
            throw new IllegalStateException("journal unavailable");
        })).isInstanceOf(IllegalStateException.class);
        writer.offer(delta(2));

        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(log.stored).extracting(RunEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void aWriteRefusedForItsFenceStopsTheWriter() throws Exception {
        var log = new FakeLog();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1), Duration.ofHours(1));
        writer.offer(delta(1));

        assertThatThrownBy(() -> writer.storeWith(events -> {
            throw new FencedOutException(FENCE, FENCE.epoch() + 1);
        })).isInstanceOf(FencedOutException.class);
        writer.offer(delta(2));

        assertThat(writer.flush(Duration.ofSeconds(10))).isFalse();
        assertThat(log.stored).isEmpty();
        List<RunEvent> carried = writer.storeWith(events -> List.copyOf(events));
        assertThat(carried).isEmpty();
    }

    @Test
    void aSealedWriterTakesNoMoreEventsButTheNextWriteStillCarriesThoseHandedOver() {
        var log = new FakeLog();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1), Duration.ofHours(1));
        writer.offer(delta(1));
        writer.offer(delta(2));

        assertThat(writer.seal()).isEqualTo(2);
        writer.offer(delta(3));
        List<RunEvent> carried = writer.storeWith(events -> List.copyOf(events));

        assertThat(carried).extracting(RunEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void aWriterSealedBeforeAnyEventSaysItHadNone() {
        var writer = new EventWriter(new FakeLog(), FENCE, new RunSignals(), Duration.ofSeconds(1));

        assertThat(writer.seal()).isZero();
    }

    @Test
    void withoutAWriteTheWriterStoresTheEventsAfterLingering() {
        var log = new FakeLog();
        var writer = new EventWriter(log, FENCE, new RunSignals(), Duration.ofSeconds(1), Duration.ofMillis(5));
        writer.offer(delta(1));
        writer.offer(delta(2));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(log.stored).hasSize(2));
        assertThat(log.batches).isEqualTo(1);
    }

    static TextDelta delta(long seq) {
        return new TextDelta(new EventMeta("run_1", "t1", seq, Instant.EPOCH), 1, (int) seq, "x");
    }

    static final class FakeLog implements EventLog {
        final List<RunEvent> stored = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        volatile int batches;
        volatile boolean fenced;

        @Override
        public void append(Fence fence, RunEvent event) {
            appendAll(fence, List.of(event));
        }

        @Override
        public void appendAll(Fence fence, List<? extends RunEvent> events) {
            if (fenced) {
                throw new FencedOutException(fence, fence.epoch() + 1);
            }
            if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throw new IllegalStateException("database unavailable");
            }
            stored.addAll(events);
            batches++;
        }

        @Override
        public List<StoredEvent> after(String tenantId, String runId, long afterSeq, int limit) {
            return List.of();
        }

        @Override
        public long lastSeq(String runId) {
            return 0;
        }

        @Override
        public int purgeFinishedBefore(Instant cutoff) {
            return 0;
        }
    }
}
