package dev.mainstay.store;

/** What accepting a run came to. Expected outcomes, so values. */
public sealed interface Admission {
    /** The run was stored, queued, and the response kept for its idempotency key (if any), in one transaction. */
    record Accepted(RunRecord run, StoredResponse response) implements Admission {}

    /** The idempotency key was used before with the same request: its first response, as it was. */
    record Replayed(StoredResponse response) implements Admission {}

    /** The idempotency key was used with a different request (422). */
    record KeyReused() implements Admission {}

    /** A request with this idempotency key is still being processed (409). */
    record KeyInFlight() implements Admission {}

    /** The conversation has a run queued or running and the request said {@code on_busy: reject} (409). */
    record ConversationBusy(String conversationId) implements Admission {}

    /** The tenant has {@code maxQueuedRuns} runs queued already: nothing was stored (429). */
    record QueueFull(int maxQueuedRuns) implements Admission {}

    /** The conversation does not exist for this tenant and user (404). */
    record NoSuchConversation(String conversationId) implements Admission {}
}
