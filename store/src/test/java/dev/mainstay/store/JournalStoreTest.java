package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.JournalCodec;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BothDatabases
class JournalStoreTest extends StoreTest {

    @Test
    void appendsUnderTheClaimsFenceNumberingEntriesFromOne() {
        tenant("acme");
        var run = accept(store.tenants().findByName("acme").orElseThrow().id(), "alice");
        var claim = claim("w1");

        assertThat(store.journal().append(claim.fence(), Entries.opened(run.id()))).isEqualTo(1);
        assertThat(store.journal().append(claim.fence(), Entries.modelStep(1))).isEqualTo(2);
        assertThat(store.journal().read(run.id())).containsExactly(new Recorded(1, Entries.opened(run.id())),
                new Recorded(2, Entries.modelStep(1)));
    }

    @Test
    void everyKindOfEntryReadsBackEqualThroughTheDatabase() {
        var claim = claimedRun();
        var entries = List.<JournalEntry>of(Entries.opened(claim.run().id()), Entries.modelStep(1),
                Entries.intent("toolu_1"), Entries.toolStep("toolu_1"), Entries.failedUnpriced(2), Entries.closed());
        entries.forEach(e -> store.journal().append(claim.fence(), e));

        assertThat(store.journal().read(claim.run().id())).extracting(Recorded::entry).isEqualTo(entries);
        assertThat(database.strings("SELECT payload FROM journal WHERE run_id = ? ORDER BY seq", claim.run().id()))
                .allSatisfy(json -> assertThat(json).contains("\"v\":" + JournalCodec.VERSION));
        assertThat(database.strings("SELECT type FROM journal WHERE run_id = ? ORDER BY seq", claim.run().id()))
                .containsExactly("run_opened", "model_call", "tool_intent", "tool_call", "model_call", "run_closed");
    }

    @Test
    void theFrozenFixturesOfEveryCodecVersionSurviveTheDatabase() throws IOException {
        var claim = claimedRun();
        var decoded = new ArrayList<JournalEntry>();
        for (var version : List.of("v1", "v2")) {
            for (var name : List.of("run_opened", "model_call", "tool_intent", "tool_call", "run_closed")) {
                try (var in = getClass().getResourceAsStream("/journal/" + version + "/" + name + ".json")) {
                    assertThat(in).as("fixture %s/%s", version, name).isNotNull();
                    var entry = JournalCodec.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (!(entry instanceof dev.mainstay.journal.ToolStep) || decoded.stream()
                            .noneMatch(e -> e instanceof dev.mainstay.journal.ToolStep)) {
                        decoded.add(entry);
                        store.journal().append(claim.fence(), entry);
                    }
                }
            }
        }

        assertThat(store.journal().read(claim.run().id())).extracting(Recorded::entry).isEqualTo(decoded);
    }

    @Test
    void aStaleEpochIsRefusedAndWritesNothing() {
        var first = claimedRun();
        store.journal().append(first.fence(), Entries.opened(first.run().id()));
        clock.advance(LEASE.plusMillis(1));
        var second = claim("w2");

        assertThat(second.fence().epoch()).isEqualTo(2);
        assertThatThrownBy(() -> store.journal().append(first.fence(), Entries.modelStep(1)))
                .isInstanceOfSatisfying(FencedOutException.class, e -> {
                    assertThat(e.fence()).isEqualTo(first.fence());
                    assertThat(e.currentEpoch()).isEqualTo(2);
                });
        assertThat(store.journal().read(first.run().id())).hasSize(1);
        assertThat(store.journal().append(second.fence(), Entries.modelStep(1))).isEqualTo(2);
        assertThat(database.strings("SELECT epoch FROM journal WHERE run_id = ? ORDER BY seq", first.run().id()))
                .containsExactly("1", "2");
    }

    @Test
    void aSecondOutcomeForOneToolUseIsRefusedWithoutUsingASequenceNumber() {
        var claim = claimedRun();
        store.journal().append(claim.fence(), Entries.toolStep("toolu_1"));

        assertThatThrownBy(() -> store.journal().append(claim.fence(), Entries.toolStep("toolu_1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("toolu_1");
        assertThat(store.journal().append(claim.fence(), Entries.toolStep("toolu_2"))).isEqualTo(2);
        assertThat(store.journal().append(claim.fence(), Entries.intent("toolu_3"))).isEqualTo(3);
        assertThat(store.journal().append(claim.fence(), Entries.intent("toolu_3"))).isEqualTo(4);
    }

    @Test
    void appendingToARunTheStoreDoesNotHoldFailsClearly() {
        assertThatThrownBy(() -> store.journal().append(Fence.first("run_nowhere"), Entries.closed()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("run_nowhere is not in the store");
    }

    @Test
    void appendingToARunNobodyClaimedIsFencedOut() {
        var tenant = tenant("acme");
        var run = accept(tenant.id(), "alice");

        assertThatThrownBy(() -> store.journal().append(Fence.first(run.id()), Entries.opened(run.id())))
                .isInstanceOfSatisfying(FencedOutException.class, e -> assertThat(e.currentEpoch()).isZero());
        assertThat(store.journal().read(run.id())).isEmpty();
    }

    @Test
    void afterTheRunIsFinishedOrReleasedItsOldFenceWritesNothing() {
        var claim = claimedRun();
        store.queue().release(claim.fence(), clock.instant());

        assertThatThrownBy(() -> store.journal().append(claim.fence(), Entries.closed()))
                .isInstanceOf(FencedOutException.class);
    }

    @Test
    void anUnknownRunHasAnEmptyJournal() {
        assertThat(store.journal().read("run_unknown")).isEmpty();
    }

    @Test
    @Timeout(60)
    void concurrentAppendsFromSeveralThreadsGetEverySequenceNumberOnce() throws Exception {
        var claim = claimedRun();
        int threads = 8;
        int each = 40;
        var go = new CountDownLatch(1);
        var seqs = new ArrayList<Long>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<Future<List<Long>>>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                    var mine = new ArrayList<Long>();
                    for (int i = 0; i < each; i++) {
                        mine.add(store.journal().append(claim.fence(), Entries.modelStep(i + 1)));
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (var future : futures) {
                seqs.addAll(future.get(50, TimeUnit.SECONDS));
            }
        }

        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, threads * each).boxed().toList());
        assertThat(store.journal().read(claim.run().id())).extracting(Recorded::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * each).boxed().toList());
    }

    @Test
    @Timeout(60)
    void measuresAppendThroughput() {
        var claim = claimedRun();
        int n = 500;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.journal().append(claim.fence(), Entries.modelStep(i + 1));
        }
        var took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("[%s] %d journal appends (model steps, one thread) in %d ms: %.0f appends/s%n", backend, n,
                took.toMillis(), n / (took.toNanos() / 1e9));
        assertThat(store.journal().read(claim.run().id())).hasSize(n);
    }

    private static Claim claimedRun() {
        var tenant = tenant("acme");
        accept(tenant.id(), "alice");
        return claim("w1");
    }
}
