package dev.mainstay.tools.notes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tools.internal.Inputs;
import dev.mainstay.tools.internal.InvalidInputException;
import dev.mainstay.tools.internal.Schemas;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code list_notes} tool: the run's user's notes, most recently updated first, as
 * {@code {"notes":[{"id":..,"title":..,"updated_at":..}]}}. At most {@value #MAX_LISTED} are listed; when there are
 * more, the object also carries {@code "truncated": true}.
 */
public final class ListNotesTool implements Tool {
    public static final String NAME = "list_notes";
    public static final int MAX_LISTED = 100;

    private static final String DESCRIPTION = "Lists the user's saved notes (id, title, last update), newest first.";

    private final NoteStore store;
    private final ToolSpec spec;

    public ListNotesTool(NoteStore store, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.spec = new ToolSpec(
                NAME, DESCRIPTION, Schemas.empty(), ToolEffect.READ_ONLY, OutputTrust.TRUSTED, timeout);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) {
        try {
            Inputs.allowOnly(input, Set.of());
        } catch (InvalidInputException e) {
            return ToolResult.error(e.getMessage());
        }
        var summaries = store.list(context.tenantId(), context.userId());
        var output = Json.object();
        var notes = output.putArray("notes");
        summaries.stream().limit(MAX_LISTED).forEach(summary -> notes.addObject()
                .put("id", summary.id())
                .put("title", summary.title())
                .put("updated_at", summary.updatedAt().toString()));
        if (summaries.size() > MAX_LISTED) {
            output.put("truncated", true);
        }
        return ToolResult.ok(Json.write(output));
    }
}
