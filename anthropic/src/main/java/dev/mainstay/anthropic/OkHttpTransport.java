package dev.mainstay.anthropic;

import com.anthropic.backends.Backend;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpMethod;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The SDK's HTTP transport, on OkHttp, with a handle on every call: an exchange can be aborted from any thread, at
 * any point — waiting for headers or reading a stream — by cancelling its OkHttp {@link Call}, which closes the
 * socket. That works the same on platform and virtual threads, so a call runs on its caller's thread with no
 * hand-off (ADR 0004).
 *
 * <p>It does what the SDK's own {@code OkHttpClient} does for a request — the backend prepares it, the URL is resolved,
 * the backend authorizes it, the backend prepares the response — with three differences:
 * <ul>
 *   <li>the OkHttp client is built once, not copied for every call whose timeout differs from the default;
 *   <li>a blocking call's time limit — connecting, writing, waiting for headers and reading the whole body — is kept
 *       by {@link CallDeadlines} at the absolute deadline the bound {@link InFlightCall} carries (fixed when the model
 *       call began, so the SDK's own preparation counts), which cancels the call when it passes (up to one tick
 *       late) and makes the failure
 *       read as a timeout ({@code InterruptedIOException("timeout")}). OkHttp's own read, write and call timeouts are
 *       off: each enters Okio's watchdog, which wakes a thread several times per call. The connect timeout stays;
 *   <li>the call is attached to the {@link InFlightCall} bound to the calling thread by {@link #bind}, if any. The
 *       SDK runs its blocking pipeline on the calling thread down to this transport, which is what makes the
 *       thread-local binding reach it.
 * </ul>
 * {@link #executeAsync} (which Mainstay does not use) keeps OkHttp's call timeout.
 *
 * <p>Thread-safe. {@link #close()} releases the connection pool and the dispatcher's threads.
 */
final class OkHttpTransport implements HttpClient {
    private static final Duration PING_INTERVAL = Duration.ofMinutes(1);
    /**
     * Idle connections kept for reuse. OkHttp's default keeps 5: a node with more model calls in flight than that
     * closes the surplus as each call ends and opens a new connection (TCP, and TLS to the real API) for the next —
     * under load that was most of the transport's CPU. One connection per call in flight, up to this many, stays open.
     */
    static final int MAX_IDLE_CONNECTIONS = 256;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    private final Backend backend;
    private final okhttp3.OkHttpClient okHttp;
    private final Duration defaultTimeout;
    private final ThreadLocal<InFlightCall> bound = new ThreadLocal<>();
    private final AtomicInteger exchangesRunning = new AtomicInteger();
    private final CallDeadlines deadlines = new CallDeadlines(System::nanoTime, "mainstay-anthropic-deadlines");

    OkHttpTransport(Backend backend, Duration connectTimeout, Duration defaultTimeout) {
        this.backend = backend;
        this.defaultTimeout = defaultTimeout;
        this.okHttp = new okhttp3.OkHttpClient.Builder()
                .retryOnConnectionFailure(false) // Mainstay's retry interceptor owns retries
                .pingInterval(PING_INTERVAL)
                .connectionPool(new okhttp3.ConnectionPool(MAX_IDLE_CONNECTIONS, KEEP_ALIVE.toMillis(),
                        TimeUnit.MILLISECONDS))
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ZERO) // CallDeadlines bounds the whole call instead
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build();
        okHttp.dispatcher().setMaxRequestsPerHost(okHttp.dispatcher().getMaxRequests());
    }

    /** Makes {@code call} the abort handle of the exchanges the current thread starts until the binding is closed. */
    Binding bind(InFlightCall call) {
        bound.set(call);
        return bound::remove;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
        var inFlight = bound.get();
        var prepared = authorized(request);
        // the time limit is what is left of the call's absolute deadline now, as the exchange starts: the time the
        // SDK spent preparing the request has counted against it
        long deadlineNanos = inFlight != null ? inFlight.deadlineNanos()
                : System.nanoTime() + timeout(requestOptions).toNanos();
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            request.body().ifPresent(HttpRequestBody::close);
            throw new AnthropicIoException("Request failed", new InterruptedIOException("timeout"));
        }
        var call = okHttp.newCall(toOkHttp(prepared, Duration.ofNanos(leftNanos)));
        if (inFlight != null) {
            inFlight.attach(call::cancel);
        }
        var deadline = deadlines.registerAt(deadlineNanos, call::cancel);
        exchangesRunning.incrementAndGet();
        try {
            return prepareResponse(toHttpResponse(call.execute(), deadline));
        } catch (IOException e) {
            deadline.close();
            throw new AnthropicIoException("Request failed", asTimeoutIfExpired(e, deadline));
        } catch (RuntimeException e) {
            deadline.close();
            throw e;
        } finally {
            exchangesRunning.decrementAndGet();
            request.body().ifPresent(HttpRequestBody::close);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
        var future = new CompletableFuture<HttpResponse>();
        var timeout = timeout(requestOptions);
        var call = okHttp.newCall(toOkHttp(authorized(request), timeout));
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((response, failure) -> {
            request.body().ifPresent(HttpRequestBody::close);
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                try {
                    if (!future.complete(prepareResponse(toHttpResponse(response, CallDeadlines.NONE)))) {
                        response.close();
                    }
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(new AnthropicIoException("Request failed", e));
            }
        });
        return future;
    }

    /** How many exchanges are waiting for their response headers. */
    int exchangesRunning() {
        return exchangesRunning.get();
    }

    @Override
    public void close() {
        deadlines.close();
        backend.close();
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    /** How many exchanges are waiting on {@link CallDeadlines}: for tests. */
    int deadlinesRegistered() {
        return deadlines.registered();
    }

    private HttpRequest authorized(HttpRequest request) {
        var prepared = backend.prepareRequest(request);
        var resolved = prepared.toBuilder().baseUrl(url(prepared)).build();
        return backend.authorizeRequest(resolved);
    }

    private Duration timeout(RequestOptions requestOptions) {
        return requestOptions.timeout().map(Timeout::request).orElse(defaultTimeout);
    }

    /** {@code failure}, or a timeout caused by it when the call's deadline cancelled the call. */
    private static IOException asTimeoutIfExpired(IOException failure, CallDeadlines.Registration deadline) {
        if (!deadline.expired()) {
            return failure;
        }
        var timeout = new InterruptedIOException("timeout");
        timeout.initCause(failure);
        return timeout;
    }

    private HttpResponse prepareResponse(HttpResponse response) {
        try {
            return backend.prepareResponse(response);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** The full URL: the base URL, then the path segments, then the query parameters. */
    private static String url(HttpRequest request) {
        var url = HttpUrl.get(request.baseUrl()).newBuilder();
        for (var segment : request.pathSegments()) {
            url.addPathSegment(segment);
        }
        var query = request.queryParams();
        for (var key : query.keys()) {
            for (var value : query.values(key)) {
                url.addQueryParameter(key, value);
            }
        }
        return url.toString();
    }

    private static Request toOkHttp(HttpRequest request, Duration timeout) {
        var body = request.body().map(OkHttpTransport::toRequestBody).orElse(null);
        if (body == null && requiresBody(request.method())) {
            body = RequestBody.create(new byte[0]);
        }
        var builder = new Request.Builder().url(request.baseUrl()).method(request.method().name(), body);
        var headers = request.headers();
        for (var name : headers.names()) {
            for (var value : headers.values(name)) {
                builder.addHeader(name, value);
            }
        }
        // the SDK tells the server how long its client will wait; so do we
        if (!headers.names().contains("X-Stainless-Timeout")) {
            builder.addHeader("X-Stainless-Timeout", Long.toString((timeout.toMillis() + 999) / 1000));
        }
        return builder.build();
    }

    private static boolean requiresBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static RequestBody toRequestBody(HttpRequestBody body) {
        var contentType = body.contentType();
        var mediaType = contentType == null ? null : MediaType.get(contentType);
        long length = body.contentLength();
        boolean oneShot = !body.repeatable();
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return mediaType;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return oneShot;
            }

            @Override
            public void writeTo(BufferedSink sink) {
                body.writeTo(sink.outputStream());
            }
        };
    }

    /** The SDK's view of {@code response}; closing it, or the end of its deadline, ends the exchange. */
    private static HttpResponse toHttpResponse(Response response, CallDeadlines.Registration deadline) {
        var headers = Headers.builder();
        for (var header : response.headers()) {
            headers.put(header.getFirst(), header.getSecond());
        }
        var built = headers.build();
        var body = new DeadlineInputStream(response.body().byteStream(), deadline);
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return response.code();
            }

            @Override
            public Headers headers() {
                return built;
            }

            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public void close() {
                deadline.close();
                response.close();
            }
        };
    }

    /** A response body whose read failures read as a timeout once the call's deadline cancelled the call. */
    private static final class DeadlineInputStream extends FilterInputStream {
        private final CallDeadlines.Registration deadline;

        DeadlineInputStream(InputStream body, CallDeadlines.Registration deadline) {
            super(body);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw asTimeoutIfExpired(e, deadline);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw asTimeoutIfExpired(e, deadline);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw asTimeoutIfExpired(e, deadline);
            }
        }
    }

    /** Ends a {@link #bind} scope. */
    @FunctionalInterface
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
