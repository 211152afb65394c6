package dev.mainstay.server.internal.http;

import java.net.URI;

/**
 * Every error the API answers with, each with a stable {@code type} URI (RFC 9457), its status and a title. The
 * {@link #slug} is the contract: clients branch on it, docs/api.md lists them all. A new error is a new constant.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "The request is invalid"),
    INVALID_JSON(400, "invalid-json", "The request body is not valid JSON"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid-idempotency-key", "The Idempotency-Key header is invalid"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid API key is required"),
    BUDGET_EXCEEDED(402, "budget-exceeded", "The tenant or user has spent its budget"),
    FORBIDDEN(403, "forbidden", "This API key may not do that"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The endpoint does not take this method"),
    CONVERSATION_BUSY(409, "conversation-busy", "The conversation has a run in progress"),
    APPROVAL_ALREADY_DECIDED(409, "approval-already-decided", "This call was already decided"),
    APPROVAL_NOT_PENDING(409, "approval-not-pending", "The run does not wait for a decision on this call now"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "idempotency-key-in-flight",
            "A request with this Idempotency-Key is still being processed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused",
            "This Idempotency-Key was used with a different request"),
    RATE_LIMITED(429, "rate-limited", "Too many requests for this API key"),
    QUEUE_FULL(429, "queue-full", "The tenant has too many runs waiting in the queue"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    INTERNAL(500, "internal-error", "Something went wrong on our side"),
    UNAVAILABLE(503, "unavailable", "The service cannot answer now");

    /** Where the types live; {@code type} is this plus the slug. */
    public static final String BASE = "https://mainstay.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }
}
