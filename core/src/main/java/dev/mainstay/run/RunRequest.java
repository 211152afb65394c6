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
 * @param cacheResponses whether the run opted in to the response cache: its model calls may be answered from, and
 *     their answers stored in, the tenant's response cache (when the runtime has one configured). Off by default:
 *     a cached answer is one earlier sample replayed, which only some tasks (FAQ-style, evaluations) want.
 */
public record RunRequest(String runId, String tenantId, String userId, String task, String conversationId,
        List<Message> history, boolean cacheResponses) {
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

    /** A run that did not opt in to the response cache. */
    public RunRequest(String runId, String tenantId, String userId, String task, String conversationId,
            List<Message> history) {
        this(runId, tenantId, userId, task, conversationId, history, false);
    }

    /** A run on its own, with no conversation. */
    public RunRequest(String runId, String tenantId, String userId, String task) {
        this(runId, tenantId, userId, task, NO_CONVERSATION, List.of(), false);
    }

    public RunRequest withCacheResponses(boolean cache) {
        return new RunRequest(runId, tenantId, userId, task, conversationId, history, cache);
    }

    public boolean inConversation() {
        return !conversationId.isEmpty();
    }
}
