package dev.mainstay.tools.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tools.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One behaviour, every {@link NoteStore}: each implementation's test extends this. */
abstract class NoteStoreContract {
    @TempDir
    Path dataDir;

    final FakeClock clock = new FakeClock();
    final AtomicInteger sequence = new AtomicInteger();
    final IdGenerator ids = prefix -> prefix + "_" + sequence.incrementAndGet();
    NoteStore store;

    /** A fresh, empty store whose files (if any) live under {@code dataDir}. */
    abstract NoteStore createStore(Path dataDir, FakeClock clock, IdGenerator ids);

    @BeforeEach
    void createStore() {
        store = createStore(dataDir, clock, ids);
    }

    /** Saves under a fresh idempotency key, as a new tool call would. */
    Note save(String tenantId, String userId, String title, String body) {
        return store.save(tenantId, userId, title, body, TestContexts.nextKey()).note();
    }

    @Test
    void savesListsAndReadsANote() {
        var saved = save("t1", "alice", "groceries", "milk, eggs");

        assertThat(saved.id()).isEqualTo("note_1");
        assertThat(saved.createdAt()).isEqualTo(clock.instant()).isEqualTo(saved.updatedAt());
        assertThat(store.read("t1", "alice", "groceries")).contains(saved);
        assertThat(store.list("t1", "alice")).containsExactly(saved.summary());
    }

    @Test
    void savingTheSameTitleReplacesTheBodyAndKeepsIdAndCreationTime() {
        var first = save("t1", "alice", "groceries", "milk");
        clock.advance(Duration.ofMinutes(5).plusNanos(123));

        var second = save("t1", "alice", "groceries", "milk, eggs");

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.body()).isEqualTo("milk, eggs");
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).isEqualTo(clock.instant());
        assertThat(store.list("t1", "alice")).hasSize(1);
    }

    @Test
    void listsMostRecentlyUpdatedFirst() {
        save("t1", "alice", "a", "1");
        clock.advance(Duration.ofMillis(1));
        save("t1", "alice", "b", "2");
        clock.advance(Duration.ofSeconds(1));
        save("t1", "alice", "a", "1 again");

        assertThat(store.list("t1", "alice")).extracting(NoteSummary::title).containsExactly("a", "b");
    }

    @Test
    void oneUserCannotSeeAnotherUsersNotes() {
        save("t1", "alice", "secret", "alice's");

        assertThat(store.list("t1", "bob")).isEmpty();
        assertThat(store.read("t1", "bob", "secret")).isEmpty();

        save("t1", "bob", "secret", "bob's");
        assertThat(store.read("t1", "alice", "secret").orElseThrow().body()).isEqualTo("alice's");
        assertThat(store.read("t1", "bob", "secret").orElseThrow().body()).isEqualTo("bob's");
    }

    @Test
    void tenantsAreIsolatedEvenForTheSameUserId() {
        save("t1", "alice", "plan", "tenant one");

        assertThat(store.list("t2", "alice")).isEmpty();
        assertThat(store.read("t2", "alice", "plan")).isEmpty();
    }

    @Test
    void titlesAreComparedExactly() {
        save("t1", "alice", "Plan", "capitalised");

        assertThat(store.read("t1", "alice", "plan")).isEmpty();
        assertThat(store.read("t1", "alice", "Plan ")).isEmpty();
    }

    @Test
    void aPathLikeTitleIsStoredAsDataAndCreatesNoFile() throws IOException {
        var before = filesUnder(dataDir);
        var marker = "written-by-mainstay-notes-" + System.nanoTime();

        save("t1", "alice", "../../etc/passwd", marker);

        assertThat(store.read("t1", "alice", "../../etc/passwd").orElseThrow().body()).isEqualTo(marker);
        assertThat(filesUnder(dataDir)).isEqualTo(before);
        for (var base : List.of(dataDir, Path.of("").toAbsolutePath())) {
            var target = base.resolve("../../etc/passwd").normalize();
            if (Files.isRegularFile(target)) {
                assertThat(Files.readString(target)).doesNotContain(marker);
            }
        }
    }

    @Test
    @Timeout(5)
    void aTenMegabyteBodyIsRefusedQuicklyAndNothingIsStored() {
        var huge = "x".repeat(10 * 1024 * 1024);

        assertThatThrownBy(() -> save("t1", "alice", "big", huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("body is too long: 10485760 characters, the limit is 20000");
        var result = new SaveNoteTool(store, Duration.ofSeconds(5)).execute(
                Json.object().put("title", "big").put("body", huge), TestContexts.forUser("t1", "alice"));

        assertThat(result).isEqualTo(ToolResult.error("body is too long: 10485760 characters, the limit is 20000"));
        assertThat(store.list("t1", "alice")).isEmpty();
    }

    @Test
    void aTitleOf201CharactersIsRefusedAnd200AreAccepted() {
        assertThatThrownBy(() -> save("t1", "alice", "t".repeat(201), "body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title is too long: 201 characters, the limit is 200");
        var result = new SaveNoteTool(store, Duration.ofSeconds(5)).execute(
                Json.object().put("title", "t".repeat(201)).put("body", "b"), TestContexts.forUser("t1", "alice"));
        assertThat(result).isEqualTo(ToolResult.error("title is too long: 201 characters, the limit is 200"));
        assertThat(store.list("t1", "alice")).isEmpty();

        assertThat(save("t1", "alice", "t".repeat(200), "body").title()).hasSize(200);
    }

    @Test
    void blankTitlesAndBodiesAreRefused() {
        assertThatThrownBy(() -> save("t1", "alice", "  ", "body")).hasMessage("title must not be blank");
        assertThatThrownBy(() -> save("t1", "alice", "title", "")).hasMessage("body must not be blank");
        assertThat(store.list("t1", "alice")).isEmpty();
    }

    @Test
    void keepsEveryNoteUnderConcurrentSaves() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Note>> saves = Stream.iterate(0, i -> i + 1).limit(40)
                    .map(i -> pool.submit(() -> save("t1", "alice", "note " + (i % 20), "body " + i)))
                    .toList();
            for (var save : saves) {
                save.get();
            }
        }
        var titles = store.list("t1", "alice").stream().map(NoteSummary::title).collect(Collectors.toSet());
        assertThat(titles).hasSize(20);
    }

    @Test
    void theNoteToolsWorkInTheRunsScope() {
        var alice = TestContexts.forUser("t1", "alice");
        var bob = TestContexts.forUser("t1", "bob");
        var save = new SaveNoteTool(store, Duration.ofSeconds(5));
        var list = new ListNotesTool(store, Duration.ofSeconds(5));
        var read = new ReadNoteTool(store, Duration.ofSeconds(5));

        assertThat(save.execute(Json.object().put("title", "trip").put("body", "Lisbon in May"), alice))
                .isEqualTo(ToolResult.ok("Saved note \"trip\" (id note_1)."));
        assertThat(Json.parse(list.execute(Json.object(), alice).content())).isEqualTo(Json.parse(
                "{\"notes\":[{\"id\":\"note_1\",\"title\":\"trip\",\"updated_at\":\"2026-01-01T00:00:00Z\"}]}"));
        assertThat(read.execute(Json.object().put("title", "trip"), alice)).isEqualTo(ToolResult.ok("Lisbon in May"));

        assertThat(list.execute(Json.object(), bob)).isEqualTo(ToolResult.ok("{\"notes\":[]}"));
        assertThat(read.execute(Json.object().put("title", "trip"), bob))
                .isEqualTo(ToolResult.error("No note titled \"trip\"."));
    }

    @Test
    void theNoteToolsRefuseAScopeSmuggledInThroughInput() {
        var save = new SaveNoteTool(store, Duration.ofSeconds(5));
        var list = new ListNotesTool(store, Duration.ofSeconds(5));
        var alice = TestContexts.forUser("t1", "alice");

        assertThat(save.execute(Json.object().put("title", "x").put("body", "y").put("user_id", "bob"), alice))
                .isEqualTo(ToolResult.error("unexpected input property 'user_id'"));
        assertThat(list.execute(Json.object().put("tenant_id", "t2"), alice))
                .isEqualTo(ToolResult.error("unexpected input property 'tenant_id'"));
        assertThat(store.list("t1", "bob")).isEmpty();
    }

    @Test
    void listNotesMarksATruncatedListing() {
        for (int i = 0; i < ListNotesTool.MAX_LISTED + 1; i++) {
            save("t1", "alice", "note " + i, "body");
        }
        var output = Json.parse(new ListNotesTool(store, Duration.ofSeconds(5))
                .execute(Json.object(), TestContexts.forUser("t1", "alice")).content());

        assertThat(output.path("notes").size()).isEqualTo(ListNotesTool.MAX_LISTED);
        assertThat(output.path("truncated").booleanValue()).isTrue();
    }

    @Test
    void aFirstSaveUnderAKeyIsAppliedAndRecordedAsAWrite() {
        var saved = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");

        assertThat(saved.replayed()).isFalse();
        assertThat(store.findWrite("t1", "alice", "toolu_1"))
                .contains(new NoteWrite(saved.note().id(), "trip", clock.instant()));
    }

    @Test
    void savingAgainUnderTheSameKeyIsAReplayThatChangesNothing() {
        var first = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");
        clock.advance(Duration.ofMinutes(1));

        var again = store.save("t1", "alice", "trip", "Porto", "toolu_1");

        assertThat(again).isEqualTo(new SavedNote(first.note(), true));
        assertThat(store.read("t1", "alice", "trip")).contains(first.note());
        assertThat(store.findWrite("t1", "alice", "toolu_1"))
                .contains(new NoteWrite(first.note().id(), "trip", first.note().updatedAt()));
    }

    @Test
    void aReplayUnderTheSameKeyWithAnotherTitleCreatesNoNote() {
        var first = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");

        var again = store.save("t1", "alice", "holiday", "Porto", "toolu_1");

        assertThat(again).isEqualTo(new SavedNote(first.note(), true));
        assertThat(store.list("t1", "alice")).containsExactly(first.note().summary());
    }

    @Test
    void aReplayReturnsTheKeyedNoteAsItIsNowAfterASaveUnderAnotherKey() {
        var first = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");
        clock.advance(Duration.ofMinutes(1));
        var second = store.save("t1", "alice", "trip", "Porto", "toolu_2");

        var replay = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");

        assertThat(second.replayed()).isFalse();
        assertThat(second.note().id()).isEqualTo(first.note().id());
        assertThat(replay).isEqualTo(new SavedNote(second.note(), true));
        assertThat(store.read("t1", "alice", "trip").orElseThrow().body()).isEqualTo("Porto");
        assertThat(store.findWrite("t1", "alice", "toolu_1").orElseThrow().savedAt())
                .isEqualTo(first.note().updatedAt());
    }

    @Test
    void idempotencyKeysAreScopedByTenantAndUser() {
        store.save("t1", "alice", "plan", "alice in t1", "toolu_1");

        var bob = store.save("t1", "bob", "plan", "bob in t1", "toolu_1");
        var otherTenant = store.save("t2", "alice", "plan", "alice in t2", "toolu_1");

        assertThat(bob.replayed()).isFalse();
        assertThat(otherTenant.replayed()).isFalse();
        assertThat(store.read("t1", "alice", "plan").orElseThrow().body()).isEqualTo("alice in t1");
        assertThat(store.read("t1", "bob", "plan").orElseThrow().body()).isEqualTo("bob in t1");
        assertThat(store.read("t2", "alice", "plan").orElseThrow().body()).isEqualTo("alice in t2");
    }

    @Test
    void findWriteFindsWhatWasSavedAndNothingElse() {
        var saved = store.save("t1", "alice", "trip", "Lisbon", "toolu_1");

        assertThat(store.findWrite("t1", "alice", "toolu_1"))
                .contains(new NoteWrite(saved.note().id(), "trip", saved.note().updatedAt()));
        assertThat(store.findWrite("t1", "alice", "toolu_2")).isEmpty();
        assertThat(store.findWrite("t1", "bob", "toolu_1")).isEmpty();
        assertThat(store.findWrite("t2", "alice", "toolu_1")).isEmpty();
        assertThat(store.findWrite("t1", "alice", "TOOLU_1")).isEmpty();
    }

    @Test
    void aRefusedSaveRecordsNoWrite() {
        assertThatThrownBy(() -> store.save("t1", "alice", "trip", " ", "toolu_1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save("t1", "alice", "trip", "Lisbon", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idempotencyKey must not be blank");

        assertThat(store.findWrite("t1", "alice", "toolu_1")).isEmpty();
        assertThat(store.save("t1", "alice", "trip", "Lisbon", "toolu_1").replayed()).isFalse();
    }

    @Test
    @Timeout(10)
    void concurrentSavesUnderOneKeyApplyOnceAndAllGetTheSameNote() throws Exception {
        for (int round = 0; round < 10; round++) {
            var key = "toolu_race_" + round;
            var title = "race " + round;
            var go = new CountDownLatch(1);
            List<Future<SavedNote>> saves;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                saves = Stream.of("first body", "second body").map(body -> pool.submit(() -> {
                    assertThat(go.await(5, TimeUnit.SECONDS)).isTrue();
                    return store.save("t1", "alice", title, body, key);
                })).toList();
                go.countDown();
                var a = saves.get(0).get(5, TimeUnit.SECONDS);
                var b = saves.get(1).get(5, TimeUnit.SECONDS);

                assertThat(a.note()).isEqualTo(b.note());
                assertThat(List.of(a.replayed(), b.replayed())).containsExactlyInAnyOrder(true, false);
                assertThat(store.read("t1", "alice", title)).contains(a.note());
                assertThat(store.findWrite("t1", "alice", key))
                        .contains(new NoteWrite(a.note().id(), title, a.note().updatedAt()));
            }
        }
        assertThat(store.list("t1", "alice")).hasSize(10);
    }

    static Set<Path> filesUnder(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            return paths.map(dir::relativize).collect(Collectors.toSet());
        }
    }
}
