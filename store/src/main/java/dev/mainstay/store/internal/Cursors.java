package dev.mainstay.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursors of run listings: where a page ended, as base64url of {@code v1:<created_at nanos>:<id>}. A
 * cursor that is not one the store gave out is refused with {@link IllegalArgumentException}.
 */
final class Cursors {
    record Position(long createdAt, String id) {}

    private Cursors() {}

    static String encode(long createdAt, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var parts = text.split(":", 3);
            if (parts.length != 3 || !parts[0].equals("v1") || parts[2].isEmpty()) {
                throw new IllegalArgumentException("malformed");
            }
            return new Position(Long.parseLong(parts[1]), parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this service gave out", e);
        }
    }
}
