package dev.mainstay.store;

import dev.mainstay.model.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conversations: a user's sequence of runs whose history carries over. A run in a conversation starts with the
 * conversation's messages so far; when it ends, its task and answer are appended (in the run's finishing
 * transaction). Scoped by tenant and user. Thread-safe.
 */
public interface Conversations {
    Conversation create(String tenantId, String userId, Instant now);

    /** The conversation, if it exists for this tenant (and, when given, this user). */
    Optional<Conversation> find(String tenantId, Optional<String> userId, String conversationId);

    /** The messages so far, oldest first. */
    List<Message> history(String tenantId, String conversationId);

    /** Deletes the conversation and its history; its runs stay. False when there is no such conversation. */
    boolean delete(String tenantId, Optional<String> userId, String conversationId);

    record Conversation(String id, String tenantId, String userId, Instant createdAt) {}
}
