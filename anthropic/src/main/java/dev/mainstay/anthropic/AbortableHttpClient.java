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
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SDK's transport with one addition: an exchange that is still waiting for its response headers can be aborted.
 *
 * <p>Why this exists: the SDK's blocking call gives no handle on the OkHttp call until the headers arrive, and a
 * non-streaming call waits for headers for as long as the model writes. Once a response exists, closing it from
 * another thread cancels the OkHttp call (the SDK supports that), so only the wait for headers needs help. Aborting
 * relies on one JDK rule: a virtual thread blocked in socket I/O is released by an interrupt (the socket is closed).
 *
 * <ul>
 *   <li>A virtual-thread caller runs the exchange itself, and aborting interrupts the caller (see
 *       {@link DirectExchange}). No hand-off, no second stack.
 *   <li>A platform-thread caller cannot be released that way, so its exchange runs on its own virtual thread while
 *       the caller waits; aborting interrupts that thread and the caller stops waiting at once. A response that
 *       arrives after its caller gave up is closed. The request timeout is enforced on the wait as well.
 * </ul>
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
        return Thread.currentThread().isVirtual()
                ? executeOnCaller(call, request, requestOptions)
                : executeOnExchangeThread(call, request, requestOptions);
    }

    /** The exchange on the calling virtual thread; OkHttp's call timeout (set by the SDK) bounds it. */
    private HttpResponse executeOnCaller(InFlightCall call, HttpRequest request, RequestOptions requestOptions) {
        var exchange = new DirectExchange(Thread.currentThread());
        exchangesRunning.incrementAndGet();
        call.attachExchange(exchange::cancel);
        try {
            if (exchange.isCancelled()) {
                throw aborted();
            }
            return delegate.execute(request, requestOptions);
        } catch (RuntimeException e) {
            throw exchange.isCancelled() ? aborted() : e;
        } finally {
            exchange.finish();
            call.detachExchange();
            exchangesRunning.decrementAndGet();
        }
    }

    private HttpResponse executeOnExchangeThread(
            InFlightCall call, HttpRequest request, RequestOptions requestOptions) {
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
        call.attachExchange(() -> result.cancel(true));
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
            throw aborted();
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

    private static AnthropicIoException aborted() {
        return new AnthropicIoException("Request failed", new InterruptedIOException("aborted"));
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

    /**
     * The abort handle of an exchange that runs on its calling virtual thread: RUNNING ends either in DONE (the
     * exchange finished first) or in CANCELLED (the cancel came first, and interrupted the caller). Both transitions
     * happen under one lock, so a cancel that loses the race never interrupts, and once the exchange has finished
     * the interrupt a winning cancel sent is cleared: the caller's interrupt flag ends as it would have been without
     * the cancel. An interrupt from anyone else also ends the exchange, and is left set.
     */
    private static final class DirectExchange {
        private final Thread caller;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean running = true;
        private boolean cancelled;

        DirectExchange(Thread caller) {
            this.caller = caller;
        }

        /** Called from any thread, at most once by {@link InFlightCall}. */
        void cancel() {
            lock.lock();
            try {
                if (running) {
                    running = false;
                    cancelled = true;
                    caller.interrupt();
                }
            } finally {
                lock.unlock();
            }
        }

        boolean isCancelled() {
            lock.lock();
            try {
                return cancelled;
            } finally {
                lock.unlock();
            }
        }

        /** Called by the caller once the exchange has ended, however it ended. */
        void finish() {
            lock.lock();
            try {
                running = false;
                if (cancelled) {
                    Thread.interrupted(); // the interrupt was ours, and it has done its work
                }
            } finally {
                lock.unlock();
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
