package dev.mainstay.server.internal.service;

import dev.mainstay.model.Message;
import dev.mainstay.store.Conversations.Conversation;
import dev.mainstay.store.Page;
import dev.mainstay.store.Principal;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.Store;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations: a user's runs whose history carries over. Each belongs to the user of the key that created it; an
 * admin key sees every conversation of its tenant, a member key its own. Thread-safe.
 */
public final class ConversationService {
    /** The most runs a conversation's view lists. */
    public static final int MAX_RUNS_SHOWN = 100;

    private final Store store;
    private final InstantSource clock;

    public ConversationService(Store store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A conversation with its runs (newest first) and its messages so far (oldest first). */
    public record View(Conversation conversation, Page<RunRecord> runs, List<Message> messages) {}

    public Conversation create(Principal caller) {
        return store.conversations().create(caller.tenantId(), caller.userId(), clock.instant());
    }

    public Optional<View> find(Principal caller, String conversationId) {
        return store.conversations().find(caller.tenantId(), Access.scope(caller), conversationId).map(c -> {
            var runs = store.runs().list(caller.tenantId(), new RunFilter(Access.scope(caller), Optional.empty(),
                    Optional.of(c.id()), Optional.empty(), MAX_RUNS_SHOWN));
            return new View(c, runs, store.conversations().history(caller.tenantId(), c.id()));
        });
    }

    public boolean delete(Principal caller, String conversationId) {
        return store.conversations().delete(caller.tenantId(), Access.scope(caller), conversationId);
    }
}
