package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.server.RunDocument;
import dev.mainstay.server.internal.service.ConversationService;
import dev.mainstay.store.Conversations.Conversation;
import dev.mainstay.model.Message;
import dev.mainstay.store.Idempotency;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.StoredResponse;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code /v1/conversations}: create, read (its runs and messages) and delete conversations. */
final class ConversationsApi {
    private final ConversationService conversations;
    private final Idempotency idempotency;
    private final InstantSource clock;

    ConversationsApi(ConversationService conversations, Idempotency idempotency, InstantSource clock) {
        this.conversations = conversations;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** POST /v1/conversations */
    void create(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var body = JsonBody.read(ctx);
        body.ifPresent(b -> Fields.of(b, Set.of()).check());
        var key = IdempotencyHeader.read(ctx, body);
        Supplier<StoredResponse> create = () ->
                Responses.stored(201, document(conversations.create(caller), List.of(), List.of()));
        if (key.isEmpty()) {
            send(ctx, create.get());
            return;
        }
        switch (idempotency.execute(caller.tenantId(), key.get(), clock.instant(), create)) {
            case Idempotency.Outcome.Executed executed -> send(ctx, executed.response());
            case Idempotency.Outcome.Replayed replayed -> {
                ctx.header(Responses.REPLAYED_HEADER, "true");
                send(ctx, replayed.response());
            }
            case Idempotency.Outcome.KeyReused ignored -> throw RunsApi.keyReused();
            case Idempotency.Outcome.KeyInFlight ignored -> throw RunsApi.keyInFlight();
        }
    }

    private static void send(Context ctx, StoredResponse response) {
        var id = Json.parseObject(response.body()).path("id").asText();
        ctx.header("Location", "/v1/conversations/" + id);
        Responses.send(ctx, response);
    }

    /** GET /v1/conversations/{id} */
    void get(Context ctx) {
        var caller = Authenticator.principal(ctx);
        var view = conversations.find(caller, Responses.id(ctx, "id", "conversation"))
                .orElseThrow(() -> Responses.notFound("conversation"));
        Responses.json(ctx, 200, document(view.conversation(), view.runs().items(), view.messages()));
    }

    /** DELETE /v1/conversations/{id} */
    void delete(Context ctx) {
        var caller = Authenticator.principal(ctx);
        if (!conversations.delete(caller, Responses.id(ctx, "id", "conversation"))) {
            throw Responses.notFound("conversation");
        }
        ctx.status(204);
    }

    private static ObjectNode document(Conversation conversation, List<RunRecord> runList, List<Message> messageList) {
        var node = Json.object().put("id", conversation.id()).put("object", "conversation")
                .put("user_id", conversation.userId()).put("created_at", conversation.createdAt().toString());
        var runs = node.putArray("runs");
        runList.forEach(run -> runs.add(RunDocument.summary(run)));
        var messages = node.putArray("messages");
        messageList.forEach(m -> messages.addObject().put("role", m.role().wire()).put("text", m.text()));
        return node;
    }
}
