package dev.mainstay.tools.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.tool.Reconciliation;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tools.TestContexts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code save_note} over a store: exactly once per tool_use id, and reconcilable. Store behaviour is in the contract. */
class SaveNoteToolTest {
    private final FakeClock clock = new FakeClock();
    private final AtomicInteger sequence = new AtomicInteger();
    private final NoteStore store = new InMemoryNoteStore(clock, prefix -> prefix + "_" + sequence.incrementAndGet());
    private final SaveNoteTool save = new SaveNoteTool(store, Duration.ofSeconds(5));

    @Test
    void executingTheSameCallAgainSavesNothingAndAnswersTheSame() {
        var call = TestContexts.withKey("t1", "alice", "toolu_1");

        var first = save.execute(Json.object().put("title", "trip").put("body", "Lisbon"), call);
        clock.advance(Duration.ofSeconds(1));
        var again = save.execute(Json.object().put("title", "trip").put("body", "Porto"), call);

        assertThat(first).isEqualTo(ToolResult.ok("Saved note \"trip\" (id note_1)."));
        assertThat(again).isEqualTo(first);
        assertThat(store.read("t1", "alice", "trip").orElseThrow().body()).isEqualTo("Lisbon");
        assertThat(store.findWrite("t1", "alice", "toolu_1")).isPresent();
    }

    @Test
    void reconcilingASaveThatHappenedAnswersAsTheSaveDid() throws Exception {
        var call = TestContexts.withKey("t1", "alice", "toolu_1");
        var input = Json.object().put("title", "trip").put("body", "Lisbon");
        var result = save.execute(input, call);

        assertThat(save.reconcile(input, call)).isEqualTo(new Reconciliation.Done(result));
    }

    @Test
    void reconcilingASaveThatNeverHappenedSaysItMayRun() throws Exception {
        var input = Json.object().put("title", "trip").put("body", "Lisbon");
        save.execute(input, TestContexts.withKey("t1", "alice", "toolu_1"));

        assertThat(save.reconcile(input, TestContexts.withKey("t1", "alice", "toolu_2")))
                .isEqualTo(new Reconciliation.NotDone());
        assertThat(save.reconcile(input, TestContexts.withKey("t1", "bob", "toolu_1")))
                .isEqualTo(new Reconciliation.NotDone());
        assertThat(save.reconcile(input, TestContexts.withKey("t2", "alice", "toolu_1")))
                .isEqualTo(new Reconciliation.NotDone());
    }

    @Test
    void reconcilingOverABrokenStoreThrowsSoTheOutcomeIsRecordedAsUnknown() {
        var broken = new SaveNoteTool(new BrokenNoteStore(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> broken.reconcile(Json.object(), TestContexts.withKey("t1", "alice", "toolu_1")))
                .isInstanceOf(NoteStoreException.class)
                .hasMessage("the notes database is gone");
    }

    /** A store whose backend is unreachable. */
    private static final class BrokenNoteStore implements NoteStore {
        @Override
        public SavedNote save(String tenantId, String userId, String title, String body, String idempotencyKey) {
            throw gone();
        }

        @Override
        public Optional<NoteWrite> findWrite(String tenantId, String userId, String idempotencyKey) {
            throw gone();
        }

        @Override
        public List<NoteSummary> list(String tenantId, String userId) {
            throw gone();
        }

        @Override
        public Optional<Note> read(String tenantId, String userId, String title) {
            throw gone();
        }

        private static NoteStoreException gone() {
            return new NoteStoreException("the notes database is gone");
        }
    }
}
