package dev.mainstay.tools.notes;

import dev.mainstay.tools.internal.Text;
import java.util.Objects;

/**
 * Sizes a note may have, checked by the tools (to answer with an error result) and again by every store (so no
 * caller can bypass them). Lengths are Unicode code points. Too long is refused, never silently truncated; the
 * length is checked before anything else so a huge value costs one pass.
 */
public final class NoteLimits {
    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_BODY_LENGTH = 20_000;

    private NoteLimits() {}

    /** Why {@code title} is not acceptable, or {@code null} when it is. */
    public static String titleProblem(String title) {
        return problem("title", title, MAX_TITLE_LENGTH);
    }

    /** Why {@code body} is not acceptable, or {@code null} when it is. */
    public static String bodyProblem(String body) {
        return problem("body", body, MAX_BODY_LENGTH);
    }

    static void check(String tenantId, String userId, String title, String body) {
        checkScope(tenantId, userId);
        refuse(titleProblem(title));
        refuse(bodyProblem(body));
    }

    static void checkScope(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        if (tenantId.isBlank() || userId.isBlank()) {
            throw new IllegalArgumentException("tenantId and userId must not be blank");
        }
    }

    static void checkKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotencyKey must not be blank");
        }
    }

    static void checkTitle(String title) {
        refuse(titleProblem(title));
    }

    private static void refuse(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String problem(String name, String value, int max) {
        if (value == null) {
            return name + " is required";
        }
        if (value.length() > max && Text.codePoints(value) > max) {
            return name + " is too long: " + Text.codePoints(value) + " characters, the limit is " + max;
        }
        if (value.isBlank()) {
            return name + " must not be blank";
        }
        return null;
    }
}
