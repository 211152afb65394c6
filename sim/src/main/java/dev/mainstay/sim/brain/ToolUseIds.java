package dev.mainstay.sim.brain;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.RawBlock;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic tool_use ids: {@code toolu_} and 24 base62 characters of a SHA-256 over the seed, the request's
 * system prompt, declared tool names and messages, and the block's position in the reply. The same request gives
 * the same ids (streaming or not, whatever the model name or max_tokens); any change to the conversation gives
 * new ones, so ids stay unique within a conversation.
 */
final class ToolUseIds {
    static final String PREFIX = "toolu_";
    static final int LENGTH = 24;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length);

    private final byte[] fingerprint;

    ToolUseIds(long seed, ModelRequest request) {
        var digest = sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        update(digest, request.system());
        request.tools().forEach(tool -> update(digest, "tool:" + tool.name()));
        for (var message : request.messages()) {
            update(digest, "role:" + message.role().wire());
            for (ContentBlock block : message.content()) {
                switch (block) {
                    case TextBlock text -> update(digest, "text:" + text.text());
                    case ToolUseBlock use -> update(digest, "tool_use:" + use.id() + ":" + use.name() + ":" + use.input());
                    case ToolResultBlock result -> update(digest,
                            "tool_result:" + result.toolUseId() + ":" + result.isError() + ":" + result.content());
                    case ThinkingBlock thinking -> update(digest, "thinking:" + thinking.signature());
                    case RedactedThinkingBlock redacted -> update(digest, "redacted_thinking:" + redacted.data());
                    case RawBlock raw -> update(digest, "raw:" + raw.json());
                }
            }
        }
        this.fingerprint = digest.digest();
    }

    /** The id of the {@code index}-th tool_use block of the reply. */
    String id(int index) {
        var digest = sha256();
        digest.update(fingerprint);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(index).array());
        var value = new BigInteger(1, digest.digest());
        var id = new StringBuilder(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            var parts = value.divideAndRemainder(BASE);
            id.append(ALPHABET[parts[1].intValue()]);
            value = parts[0];
        }
        return id.toString();
    }

    private static void update(MessageDigest digest, String text) {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
