package dev.mainstay.tools.notes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.tool.ArgumentRole;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Reconciliation;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tools.internal.Inputs;
import dev.mainstay.tools.internal.Schemas;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code save_note} tool: saves a note for the run's (tenant, user), replacing the body of a note with the same
 * title, and answers {@code Saved note "<title>" (id <id>).} Bad input is an error result and stores nothing; a store
 * failure is thrown (broken infrastructure).
 *
 * <p>Exactly once per tool_use id: the save is recorded under {@link ToolContext#idempotencyKey()}, so executing the
 * same call again changes nothing and answers as the first execution did. {@link #reconcile} looks the key up: a
 * recorded write is {@link Reconciliation.Done} with that same answer, none is {@link Reconciliation.NotDone}
 * (the call may run); a store failure is thrown, and the runtime records the outcome as unknown.
 */
public final class SaveNoteTool implements Tool {
    public static final String NAME = "save_note";

    private static final String DESCRIPTION = """
            Saves a note for the user under a title. Saving again with the same title replaces that note's body. \
            Use list_notes and read_note to get notes back.""";

    private final NoteStore store;
    private final ToolSpec spec;

    public SaveNoteTool(NoteStore store, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        // the title says which note is written (saving again replaces it): controlled; the body is the note's data
        this.spec = new ToolSpec(NAME, DESCRIPTION, schema(), ToolEffect.SIDE_EFFECT, OutputTrust.TRUSTED, timeout)
                .withArgument("title", ArgumentRole.CONTROLLED).withArgument("body", ArgumentRole.CONTENT);
    }

    private static ObjectNode schema() {
        return Schemas.object(
                Schemas.properties(
                        "title", Schemas.string(1, NoteLimits.MAX_TITLE_LENGTH, "The note's title"),
                        "body", Schemas.string(1, NoteLimits.MAX_BODY_LENGTH, "The note's text")),
                List.of("title", "body"));
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) {
        return Inputs.readThen(input, SaveNoteTool::draft, draft -> save(draft, context));
    }

    private static Draft draft(ObjectNode input) {
        Inputs.allowOnly(input, Set.of("title", "body"));
        return new Draft(
                Inputs.requiredString(input, "title", 1, NoteLimits.MAX_TITLE_LENGTH),
                Inputs.requiredString(input, "body", 1, NoteLimits.MAX_BODY_LENGTH));
    }

    private ToolResult save(Draft draft, ToolContext context) {
        var note = store.save(context.tenantId(), context.userId(), draft.title(), draft.body(),
                context.idempotencyKey()).note();
        return saved(note.title(), note.id());
    }

    @Override
    public Reconciliation reconcile(ObjectNode input, ToolContext context) {
        return store.findWrite(context.tenantId(), context.userId(), context.idempotencyKey())
                .<Reconciliation>map(write -> new Reconciliation.Done(saved(write.title(), write.noteId())))
                .orElseGet(Reconciliation.NotDone::new);
    }

    private static ToolResult saved(String title, String id) {
        return ToolResult.ok("Saved note \"" + title + "\" (id " + id + ").");
    }

    /** The note the model asked to save, as read from its input. */
    private record Draft(String title, String body) {}
}
