package dev.mainstay.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.journal.internal.EntryJson;

/**
 * The one encoding of journal entries, for every store and every reader (the CLI's {@code --json}, the API, the
 * timeline). JSON objects with a version {@code "v"} and a {@code "type"}: {@code run_opened}, {@code model_call},
 * {@code tool_intent}, {@code tool_call}, {@code run_closed}, {@code plan_fixed}, {@code policy_decision},
 * {@code approval_decided}. Money is an exact decimal number; instants are
 * ISO-8601; durations are whole milliseconds.
 *
 * <p>Every version ever written stays readable: when a field changes, {@link #VERSION} goes up, the decoder keeps
 * reading the older shape, and a frozen fixture of each old version is kept in the tests
 * ({@code core/src/test/resources/journal/v<N>/}). Thread-safe; stateless.
 */
public final class JournalCodec {
    /**
     * The version written now. 2: {@code run_opened} carries the conversation and its history (version 1 had
     * neither; it reads as a run on its own). 3: the security entries {@code plan_fixed}, {@code policy_decision}
     * and {@code approval_decided} (older versions have none; the other entries are unchanged). 4: usage carries
     * the cache writes split by TTL ({@code cache_creation}) and the server tools ({@code server_tool_use}), and
     * {@code model_call} its billed attempts ({@code billed}) and the price table that priced them
     * ({@code price_table}); all optional, so older entries read as unsplit 5-minute writes with no attempts listed.
     * 5: {@code model_call} names the routing rule that chose its model ({@code route}); optional, so older entries
     * read as chosen by no rule. 6: {@code model_call} says when the response cache answered it
     * ({@code cache_hit}), {@code run_opened} whether the run opted in to the response cache
     * ({@code cache_responses}) and how its history was compacted ({@code compaction}); all optional, so older
     * entries read as provider answers of runs that did not opt in, their history whole.
     */
    public static final int VERSION = 6;

    private static final ObjectReader EXACT = Json.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JournalCodec() {}

    /** {@code entry} as a JSON object of the current version. */
    public static ObjectNode toJson(JournalEntry entry) {
        var node = Json.object().put("v", VERSION);
        node.setAll(EntryJson.encode(entry));
        return node;
    }

    /** {@code entry} as JSON text of the current version. */
    public static String encode(JournalEntry entry) {
        return Json.write(toJson(entry));
    }

    /**
     * The entry {@code json} holds, of any version this Mainstay knows.
     *
     * @throws IllegalArgumentException when the text is not a journal entry, or is of a newer version
     */
    public static JournalEntry decode(String json) {
        try {
            JsonNode node = EXACT.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a journal entry is a JSON object");
            }
            return fromJson(object);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a journal entry is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The entry {@code node} holds. Parse money exactly ({@link #decode(String)} does): a node parsed with floats
     * as doubles may have lost cents.
     */
    public static JournalEntry fromJson(ObjectNode node) {
        int version = node.path("v").asInt(-1);
        if (version < 1) {
            throw new IllegalArgumentException("a journal entry needs a version \"v\" of at least 1");
        }
        if (version > VERSION) {
            throw new IllegalArgumentException("journal entry version " + version
                    + " is newer than this Mainstay reads (" + VERSION + "); upgrade to read it");
        }
        return EntryJson.decode(node);
    }
}
