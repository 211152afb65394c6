package dev.mainstay.run;

import dev.mainstay.model.Message;
import java.util.List;
import java.util.Objects;

/**
 * A task for an agent, on behalf of a user of a tenant. {@code runId} keys the run's journal.
 *
 * @param conversationId the conversation the run continues, {@link #NO_CONVERSATION} for a run on its own
 * @param history the conversation so far, oldest first (what earlier runs of the conversation were asked and
 *     answered); the run's own task follows it. Journaled with the run's opening, so a resumed run sees the same.
 */
public record RunRequest(String runId, String tenantId, String userId, String task, String conversationId,
        List<Message> history) {
    public static final String DEFAULT_TENANT = "default";
    public static final String NO_CONVERSATION = "";

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(conversationId, "conversationId");
        history = List.copyOf(history);
        if (task.isBlank()) {
            throw new IllegalArgumentException("task must not be blank");
        }
    }

    /** A run on its own, with no conversation. */
    public RunRequest(String runId, String tenantId, String userId, String task) {
        this(runId, tenantId, userId, task, NO_CONVERSATION, List.of());
    }

    public boolean inConversation() {
        return !conversationId.isEmpty();
    }
}
