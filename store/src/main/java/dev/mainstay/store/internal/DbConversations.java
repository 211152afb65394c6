package dev.mainstay.store.internal;

import dev.mainstay.model.Message;
import dev.mainstay.store.Conversations;
import dev.mainstay.store.StoreException;
import dev.mainstay.time.IdGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Conversations and their messages. Messages are appended by a run's finishing transaction
 * ({@link #append}); the runs of one conversation run one after another, so its messages never interleave.
 */
final class DbConversations implements Conversations {
    private final Database db;
    private final IdGenerator ids;

    DbConversations(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    @Override
    public Conversation create(String tenantId, String userId, Instant now) {
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        var conversation = new Conversation(ids.next("conv"), tenantId, userId, now);
        try {
            db.write("create a conversation", h -> h.createUpdate("""
                    INSERT INTO conversations (id, tenant_id, user_id, created_at) VALUES (:id, :tenant, :user, :at)""")
                    .bind("id", conversation.id()).bind("tenant", tenantId).bind("user", userId)
                    .bind("at", Values.nanos(now)).execute());
        } catch (StoreException e) {
            if (Database.sqlCause(e).filter(db.dialect()::isForeignKeyViolation).isPresent()) {
                throw new IllegalArgumentException("there is no tenant " + tenantId);
            }
            throw e;
        }
        return conversation;
    }

    @Override
    public Optional<Conversation> find(String tenantId, Optional<String> userId, String conversationId) {
        var sql = "SELECT id, tenant_id, user_id, created_at FROM conversations WHERE id = :id AND tenant_id = :tenant"
                + (userId.isPresent() ? " AND user_id = :user" : "");
        return db.read("find a conversation", h -> {
            var query = h.createQuery(sql).bind("id", conversationId).bind("tenant", tenantId);
            userId.ifPresent(u -> query.bind("user", u));
            return query.map((rows, ctx) -> new Conversation(rows.getString(1), rows.getString(2), rows.getString(3),
                    Values.instant(rows.getLong(4)))).findOne();
        });
    }

    @Override
    public List<Message> history(String tenantId, String conversationId) {
        return db.read("read a conversation", h -> h.createQuery("""
                SELECT m.role, m.payload FROM conversation_messages m
                JOIN conversations c ON c.id = m.conversation_id
                WHERE c.id = :id AND c.tenant_id = :tenant ORDER BY m.seq""")
                .bind("id", conversationId).bind("tenant", tenantId)
                .map((rows, ctx) -> Values.message(rows.getString(1), rows.getString(2))).list());
    }

    @Override
    public boolean delete(String tenantId, Optional<String> userId, String conversationId) {
        var sql = "DELETE FROM conversations WHERE id = :id AND tenant_id = :tenant"
                + (userId.isPresent() ? " AND user_id = :user" : "");
        return db.write("delete a conversation", h -> {
            var delete = h.createUpdate(sql).bind("id", conversationId).bind("tenant", tenantId);
            userId.ifPresent(u -> delete.bind("user", u));
            if (delete.execute() == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM conversation_messages WHERE conversation_id = :id").bind("id", conversationId)
                    .execute();
            return true;
        });
    }

    /** Appends {@code messages} to the tenant's conversation, if it still exists (it may have been deleted). */
    static void append(Handle h, String tenantId, String conversationId, String runId, List<Message> messages,
            long at) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM conversations WHERE id = :id AND tenant_id = :tenant")
                .bind("id", conversationId).bind("tenant", tenantId).mapTo(Long.class).one() > 0;
        if (!exists) {
            return;
        }
        long last = h.createQuery(
                "SELECT COALESCE(MAX(seq), 0) FROM conversation_messages WHERE conversation_id = :id")
                .bind("id", conversationId).mapTo(Long.class).one();
        var batch = h.prepareBatch("""
                INSERT INTO conversation_messages (conversation_id, seq, run_id, role, payload, created_at)
                VALUES (:conversation, :seq, :run, :role, :payload, :at)""");
        for (var message : messages) {
            batch.bind("conversation", conversationId).bind("seq", ++last).bind("run", runId)
                    .bind("role", message.role().wire()).bind("payload", Values.message(message)).bind("at", at).add();
        }
        batch.execute();
    }
}
