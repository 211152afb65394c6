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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void savesListsAndReadsANote() {
        var saved = store.save("t1", "alice", "groceries", "milk, eggs");

        assertThat(saved.id()).isEqualTo("note_1");
        assertThat(saved.createdAt()).isEqualTo(clock.instant()).isEqualTo(saved.updatedAt());
        assertThat(store.read("t1", "alice", "groceries")).contains(saved);
        assertThat(store.list("t1", "alice")).containsExactly(saved.summary());
    }

    @Test
    void savingTheSameTitleReplacesTheBodyAndKeepsIdAndCreationTime() {
        var first = store.save("t1", "alice", "groceries", "milk");
        clock.advance(Duration.ofMinutes(5).plusNanos(123));

        var second = store.save("t1", "alice", "groceries", "milk, eggs");

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.body()).isEqualTo("milk, eggs");
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).isEqualTo(clock.instant());
        assertThat(store.list("t1", "alice")).hasSize(1);
    }

    @Test
    void listsMostRecentlyUpdatedFirst() {
        store.save("t1", "alice", "a", "1");
        clock.advance(Duration.ofMillis(1));
        store.save("t1", "alice", "b", "2");
        clock.advance(Duration.ofSeconds(1));
        store.save("t1", "alice", "a", "1 again");

        assertThat(store.list("t1", "alice")).extracting(NoteSummary::title).containsExactly("a", "b");
    }

    @Test
    void oneUserCannotSeeAnotherUsersNotes() {
        store.save("t1", "alice", "secret", "alice's");

        assertThat(store.list("t1", "bob")).isEmpty();
        assertThat(store.read("t1", "bob", "secret")).isEmpty();

        store.save("t1", "bob", "secret", "bob's");
        assertThat(store.read("t1", "alice", "secret").orElseThrow().body()).isEqualTo("alice's");
        assertThat(store.read("t1", "bob", "secret").orElseThrow().body()).isEqualTo("bob's");
    }

    @Test
    void tenantsAreIsolatedEvenForTheSameUserId() {
        store.save("t1", "alice", "plan", "tenant one");

        assertThat(store.list("t2", "alice")).isEmpty();
        assertThat(store.read("t2", "alice", "plan")).isEmpty();
    }

    @Test
    void titlesAreComparedExactly() {
        store.save("t1", "alice", "Plan", "capitalised");

        assertThat(store.read("t1", "alice", "plan")).isEmpty();
        assertThat(store.read("t1", "alice", "Plan ")).isEmpty();
    }

    @Test
    void aPathLikeTitleIsStoredAsDataAndCreatesNoFile() throws IOException {
        var before = filesUnder(dataDir);
        var marker = "written-by-mainstay-notes-" + System.nanoTime();

        store.save("t1", "alice", "../../etc/passwd", marker);

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

        assertThatThrownBy(() -> store.save("t1", "alice", "big", huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("body is too long: 10485760 characters, the limit is 20000");
        var result = new SaveNoteTool(store, Duration.ofSeconds(5)).execute(
                Json.object().put("title", "big").put("body", huge), TestContexts.forUser("t1", "alice"));

        assertThat(result).isEqualTo(ToolResult.error("body is too long: 10485760 characters, the limit is 20000"));
        assertThat(store.list("t1", "alice")).isEmpty();
    }

    @Test
    void aTitleOf201CharactersIsRefusedAnd200AreAccepted() {
        assertThatThrownBy(() -> store.save("t1", "alice", "t".repeat(201), "body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title is too long: 201 characters, the limit is 200");
        var result = new SaveNoteTool(store, Duration.ofSeconds(5)).execute(
                Json.object().put("title", "t".repeat(201)).put("body", "b"), TestContexts.forUser("t1", "alice"));
        assertThat(result).isEqualTo(ToolResult.error("title is too long: 201 characters, the limit is 200"));
        assertThat(store.list("t1", "alice")).isEmpty();

        assertThat(store.save("t1", "alice", "t".repeat(200), "body").title()).hasSize(200);
    }

    @Test
    void blankTitlesAndBodiesAreRefused() {
        assertThatThrownBy(() -> store.save("t1", "alice", "  ", "body")).hasMessage("title must not be blank");
        assertThatThrownBy(() -> store.save("t1", "alice", "title", "")).hasMessage("body must not be blank");
        assertThat(store.list("t1", "alice")).isEmpty();
    }

    @Test
    void keepsEveryNoteUnderConcurrentSaves() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Note>> saves = Stream.iterate(0, i -> i + 1).limit(40)
                    .map(i -> pool.submit(() -> store.save("t1", "alice", "note " + (i % 20), "body " + i)))
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
            store.save("t1", "alice", "note " + i, "body");
        }
        var output = Json.parse(new ListNotesTool(store, Duration.ofSeconds(5))
                .execute(Json.object(), TestContexts.forUser("t1", "alice")).content());

        assertThat(output.path("notes").size()).isEqualTo(ListNotesTool.MAX_LISTED);
        assertThat(output.path("truncated").booleanValue()).isTrue();
    }

    static Set<Path> filesUnder(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            return paths.map(dir::relativize).collect(Collectors.toSet());
        }
    }
}
