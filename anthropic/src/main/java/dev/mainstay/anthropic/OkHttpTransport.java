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
import java.io.IOException;
import java.io.InputStream;
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
 * the backend authorizes it, the backend prepares the response — with two differences: the OkHttp client is built
 * once, not copied per call (a call's time limit is set on the call itself: {@link Call#timeout()}, which bounds
 * connecting, writing, waiting and reading the body); and the call is attached to the {@link InFlightCall} bound to
 * the calling thread by {@link #bind}, if any. The SDK runs its blocking pipeline on the calling thread down to this
 * transport, which is what makes the thread-local binding reach it.
 *
 * <p>Thread-safe. {@link #close()} releases the connection pool and the dispatcher's threads.
 */
final class OkHttpTransport implements HttpClient {
    private static final Duration PING_INTERVAL = Duration.ofMinutes(1);

    private final Backend backend;
    private final okhttp3.OkHttpClient okHttp;
    private final Duration defaultTimeout;
    private final ThreadLocal<InFlightCall> bound = new ThreadLocal<>();
    private final AtomicInteger exchangesRunning = new AtomicInteger();

    OkHttpTransport(Backend backend, Duration connectTimeout, Duration defaultTimeout) {
        this.backend = backend;
        this.defaultTimeout = defaultTimeout;
        this.okHttp = new okhttp3.OkHttpClient.Builder()
                .retryOnConnectionFailure(false) // Mainstay's retry interceptor owns retries
                .pingInterval(PING_INTERVAL)
                .connectTimeout(connectTimeout)
                .readTimeout(defaultTimeout)
                .writeTimeout(defaultTimeout)
                .callTimeout(defaultTimeout)
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
        var call = newCall(request, requestOptions);
        var inFlight = bound.get();
        if (inFlight != null) {
            inFlight.attach(call::cancel);
        }
        exchangesRunning.incrementAndGet();
        try {
            return prepareResponse(toHttpResponse(call.execute()));
        } catch (IOException e) {
            throw new AnthropicIoException("Request failed", e);
        } finally {
            exchangesRunning.decrementAndGet();
            request.body().ifPresent(HttpRequestBody::close);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
        var future = new CompletableFuture<HttpResponse>();
        var call = newCall(request, requestOptions);
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
                    if (!future.complete(prepareResponse(toHttpResponse(response)))) {
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
        backend.close();
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    private Call newCall(HttpRequest request, RequestOptions requestOptions) {
        var prepared = backend.prepareRequest(request);
        var resolved = prepared.toBuilder().baseUrl(url(prepared)).build();
        var authorized = backend.authorizeRequest(resolved);
        var timeout = requestOptions.timeout().map(Timeout::request).orElse(defaultTimeout);
        var call = okHttp.newCall(toOkHttp(authorized, timeout));
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return call;
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
            builder.addHeader("X-Stainless-Timeout", Long.toString(timeout.toSeconds()));
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

    private static HttpResponse toHttpResponse(Response response) {
        var headers = Headers.builder();
        for (var header : response.headers()) {
            headers.put(header.getFirst(), header.getSecond());
        }
        var built = headers.build();
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
                return response.body().byteStream();
            }

            @Override
            public void close() {
                response.close();
            }
        };
    }

    /** Ends a {@link #bind} scope. */
    @FunctionalInterface
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
