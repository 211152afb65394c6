package dev.mainstay.reliability.testing;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests, contexts and provider failures for tests. */
public final class Fixtures {
    private Fixtures() {}

    public static ModelRequest request() {
        return new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user("hello")), List.of(), 256, false, false);
    }

    /** The run every context belongs to unless a test names another. */
    public static final String RUN = "run_1";
    /** The endpoint a one-link chain sends to ({@link Chains#oneLink}), as if a fallback link had chosen it. */
    public static final String ENDPOINT = "anthropic";

    /** A call to {@link #ENDPOINT} with no deadline, as a link behind the fallback sees it. */
    public static CallContext context(InstantSource clock) {
        return context(Deadline.none(clock));
    }

    /** A call to {@link #ENDPOINT} with {@code deadline}, as a link behind the fallback sees it. */
    public static CallContext context(Deadline deadline) {
        return runContext(deadline).withEndpoint(ENDPOINT);
    }

    /** A call as the run sends it into the chain: no endpoint chosen yet. */
    public static CallContext runContext(InstantSource clock) {
        return runContext(RUN, clock);
    }

    public static CallContext runContext(Deadline deadline) {
        return new CallContext(RUN, "default", "user_1", 1, deadline, Cancellation.NEVER, StreamObserver.NONE);
    }

    /** A call of run {@code runId} as the run sends it into the chain. */
    public static CallContext runContext(String runId, InstantSource clock) {
        return new CallContext(runId, "default", "user_1", 1, Deadline.none(clock), Cancellation.NEVER,
                StreamObserver.NONE);
    }

    public static ModelApiException apiError(int status, ApiErrorType type, String... headerPairs) {
        return apiErrorSaying(status, type, "provider said no", headerPairs);
    }

    public static ModelApiException apiErrorSaying(int status, ApiErrorType type, String message, String... headerPairs) {
        return new ModelApiException(status, type, message, headers(headerPairs), "req_x", false, false);
    }

    public static ModelApiException overloaded(String... headerPairs) {
        return apiErrorSaying(529, ApiErrorType.OVERLOADED, "Overloaded", headerPairs);
    }

    public static ModelApiException overloadedInStream(boolean contentDelivered) {
        return new ModelApiException(200, ApiErrorType.OVERLOADED, "Overloaded", ResponseHeaders.EMPTY, "req_s", true,
                contentDelivered);
    }

    public static ModelApiException badRequest() {
        return apiErrorSaying(400, ApiErrorType.INVALID_REQUEST, "messages: field required");
    }

    public static ResponseHeaders headers(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("header pairs must come in name, value pairs");
        }
        var map = new LinkedHashMap<String, List<String>>();
        for (var i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return ResponseHeaders.of(Map.copyOf(map));
    }

    public static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
