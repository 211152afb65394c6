package dev.mainstay.tools.internal;

import com.fasterxml.jackson.core.JacksonException;
import dev.mainstay.json.Json;
import dev.mainstay.time.Cancellation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one HTTP request and reads a JSON reply, turning every way it can go wrong into an {@link HttpResult.Failed}
 * with a short, secret-free reason, marked {@linkplain HttpResult.Failed#backendUnavailable() backend unavailable} when
 * the service could not answer (5xx, 429, timeouts, connection and I/O failures, unreadable bodies). Thread-safe; the {@link HttpClient} is shared and owned by the caller.
 *
 * <p>Why this shape: {@link HttpRequest#timeout} only bounds the wait for response headers, so the whole exchange is
 * also bounded by waiting on {@code sendAsync} for the same duration; the future is cancelled (which aborts the
 * exchange) on timeout, on run cancellation and on interrupt. Bodies are capped so a broken or hostile server cannot
 * exhaust memory, and the bodies of error responses are discarded unread.
 */
public final class JsonHttp {
    /** Bodies beyond this are refused: the reference tools' services answer in a few kilobytes. */
    public static final long DEFAULT_MAX_BODY_BYTES = 2L * 1024 * 1024;

    private final HttpClient client;
    private final long maxBodyBytes;

    public JsonHttp(HttpClient client) {
        this(client, DEFAULT_MAX_BODY_BYTES);
    }

    public JsonHttp(HttpClient client, long maxBodyBytes) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, but was " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Sends {@code request} (its timeout is set here) and parses a 2xx body as JSON.
     *
     * @param timeout the longest the whole exchange may take; zero fails at once without sending
     */
    public HttpResult send(HttpRequest.Builder request, Duration timeout, Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            return HttpResult.Failed.rejected("cancelled");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            return HttpResult.Failed.rejected("no time left before the deadline");
        }
        var built = request.timeout(timeout).setHeader("Accept", "application/json").build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(built, this::bodyHandler);
        var registration = cancellation.onCancel(() -> future.cancel(true));
        try {
            var response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return interpret(response);
        } catch (TimeoutException e) {
            future.cancel(true);
            return HttpResult.Failed.unavailable("timed out after " + describe(timeout));
        } catch (CancellationException e) {
            return HttpResult.Failed.rejected("cancelled");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return HttpResult.Failed.rejected("interrupted");
        } catch (ExecutionException e) {
            return failureFor(e.getCause(), timeout);
        } finally {
            registration.close();
        }
    }

    private HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info) {
        if (info.statusCode() / 100 != 2) {
            return HttpResponse.BodySubscribers.replacing(new byte[0]);
        }
        return new LimitedBodySubscriber(maxBodyBytes);
    }

    private static HttpResult interpret(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status / 100 != 2) {
            return isServiceTrouble(status)
                    ? HttpResult.Failed.unavailable("HTTP " + status)
                    : HttpResult.Failed.rejected("HTTP " + status);
        }
        try {
            var body = Json.mapper().readTree(response.body());
            if (body == null || body.isMissingNode()) {
                return HttpResult.Failed.unavailable("empty response");
            }
            return new HttpResult.Ok(body);
        } catch (JacksonException e) {
            return HttpResult.Failed.unavailable("malformed JSON response");
        } catch (IOException e) {
            return HttpResult.Failed.unavailable("unreadable response");
        }
    }

    /** 5xx and 429 (too many requests) are the service's trouble; any other status is an answer to this request. */
    private static boolean isServiceTrouble(int status) {
        return status / 100 == 5 || status == 429;
    }

    /**
     * A failed exchange is the service's trouble (timeouts, connection and I/O failures, an oversized body) unless
     * this side cancelled it or the client refused the request before sending it.
     */
    private static HttpResult.Failed failureFor(Throwable cause, Duration timeout) {
        var reason = reasonFor(cause, timeout);
        boolean serviceTrouble = cause instanceof IOException || cause instanceof UnresolvedAddressException;
        return new HttpResult.Failed(reason, serviceTrouble);
    }

    private static String reasonFor(Throwable cause, Duration timeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + describe(timeout);
        }
        if (cause instanceof LimitedBodySubscriber.BodyTooLargeException) {
            return "response too large";
        }
        if (cause instanceof ConnectException) {
            return "connection failed";
        }
        if (cause instanceof UnresolvedAddressException
                || cause instanceof IOException && cause.getCause() instanceof UnresolvedAddressException) {
            return "host not found";
        }
        if (cause instanceof IOException) {
            return "I/O error";
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        return "request failed (" + cause.getClass().getSimpleName() + ")";
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
