package dev.mainstay.tools.notes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.tool.ArgumentRole;
import dev.mainstay.tool.OutputTrust;
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
 * The {@code read_note} tool: the body of the run's user's note with exactly the given title, or the error result
 * {@code No note titled "<title>".}
 */
public final class ReadNoteTool implements Tool {
    public static final String NAME = "read_note";

    private static final String DESCRIPTION = "Reads the full text of one of the user's notes by its exact title.";

    private final NoteStore store;
    private final ToolSpec spec;

    public ReadNoteTool(NoteStore store, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        // the title picks which of the user's notes enters the context: controlled
        this.spec = new ToolSpec(NAME, DESCRIPTION, schema(), ToolEffect.READ_ONLY, OutputTrust.TRUSTED, timeout)
                .withArgument("title", ArgumentRole.CONTROLLED);
    }

    private static ObjectNode schema() {
        return Schemas.object(
                Schemas.properties("title", Schemas.string(1, NoteLimits.MAX_TITLE_LENGTH, "The note's exact title")),
                List.of("title"));
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) {
        return Inputs.readThen(input, ReadNoteTool::title, title -> read(title, context));
    }

    private static String title(ObjectNode input) {
        Inputs.allowOnly(input, Set.of("title"));
        return Inputs.requiredString(input, "title", 1, NoteLimits.MAX_TITLE_LENGTH);
    }

    private ToolResult read(String title, ToolContext context) {
        return store.read(context.tenantId(), context.userId(), title)
                .map(note -> ToolResult.ok(note.body()))
                .orElseGet(() -> ToolResult.error("No note titled \"" + title + "\"."));
    }
}
