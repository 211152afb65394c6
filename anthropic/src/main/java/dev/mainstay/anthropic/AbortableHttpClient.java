package dev.mainstay.anthropic;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's transport with one addition: an exchange that is still waiting for its response headers can be aborted.
 *
 * <p>Why this exists: the SDK's blocking call gives no handle on the OkHttp call until the headers arrive, and a
 * non-streaming call waits for headers for as long as the model writes. Once a response exists, closing it from
 * another thread cancels the OkHttp call (the SDK supports that), so only the wait for headers needs help. Here the
 * exchange runs on its own virtual thread while the calling thread waits; aborting interrupts that thread, and a
 * virtual thread blocked in socket I/O is released by an interrupt (the socket is closed). The calling thread stops
 * waiting at once in any case. A response that arrives after its caller gave up is closed.
 *
 * <p>The call being made is found through {@link #bind}: the SDK runs its blocking pipeline on the calling thread
 * down to this transport, so a thread-local handle set around the SDK call reaches it. Without a binding the
 * exchange runs directly, as the SDK would run it.
 */
final class AbortableHttpClient implements HttpClient {
    private final HttpClient delegate;
    private final ThreadFactory exchangeThreads = Thread.ofVirtual().name("mainstay-anthropic-exchange-", 0).factory();
    private final ThreadLocal<InFlightCall> bound = new ThreadLocal<>();
    private final AtomicInteger exchangesRunning = new AtomicInteger();

    AbortableHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** Makes {@code call} the abort handle of exchanges the current thread starts until the binding is closed. */
    Binding bind(InFlightCall call) {
        bound.set(call);
        return bound::remove;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
        var call = bound.get();
        if (call == null) {
            return delegate.execute(request, requestOptions);
        }
        var result = new CompletableFuture<HttpResponse>();
        var exchange = exchangeThreads.newThread(() -> {
            try {
                var response = delegate.execute(request, requestOptions);
                if (!result.complete(response)) {
                    response.close(); // the caller gave up on this exchange
                }
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            } finally {
                exchangesRunning.decrementAndGet();
            }
        });
        result.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                exchange.interrupt();
            }
        });
        exchangesRunning.incrementAndGet();
        exchange.start();
        call.attachExchange(result);
        try {
            var limit = requestTimeout(requestOptions);
            return limit.isZero() ? result.get() : result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AnthropicIoException("Request failed", new InterruptedIOException("timeout"));
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new AnthropicIoException("Request failed", new InterruptedIOException("interrupted"));
        } catch (CancellationException e) {
            throw new AnthropicIoException("Request failed", new InterruptedIOException("aborted"));
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            call.detachExchange();
        }
    }

    /** How many exchanges are still waiting for response headers, including ones their caller gave up on. */
    int exchangesRunning() {
        return exchangesRunning.get();
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
        return delegate.executeAsync(request, requestOptions);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The request's total time limit; zero means none, as in the SDK. */
    private static Duration requestTimeout(RequestOptions options) {
        return options.timeout().map(Timeout::request).orElse(Duration.ZERO);
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new AnthropicIoException("Request failed", cause);
    }

    /** Ends a {@link #bind} scope. */
    @FunctionalInterface
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
