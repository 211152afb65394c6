package dev.mainstay.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.internal.DeliveryTracker;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.ModelTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModelClient} for any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, Ollama's {@code /v1},
 * LiteLLM, OpenRouter…), on the JDK's {@link HttpClient}; meant as the last endpoint of a fallback chain behind
 * Claude.
 *
 * <p>Contract:
 * <ul>
 *   <li>Thread-safe; one instance serves every run. Close it to release its connections and its timer thread.
 *   <li>Exactly one HTTP request per call, no retries: Mainstay's retry interceptor owns them.
 *   <li>The model sent is {@link #modelFor the request's}, unless that names a Claude model; the response's
 *       {@code model()} is what the server reports.
 *   <li>Each call's deadline is the instant {@code context.deadline().timeoutFor(config.defaultTimeout())} from the
 *       moment it is called and covers the whole exchange, body and stream included; the exchange gets what is left
 *       of it once the request is built. A call whose deadline has passed fails with {@link ModelTimeoutException}
 *       without sending anything.
 *   <li>A stream that fails after its first chunk records what it was billed ({@link ModelException#billedUsage()}):
 *       the usage the server reported, or an estimate of the input and the output delivered.
 *   <li>When {@code context.cancellation()} fires, the in-flight exchange or stream is aborted and the call throws
 *       {@link ModelCancelledException}.
 *   <li>A streaming call ({@link ModelRequest#stream()}) feeds {@code context.observer()} on the calling thread:
 *       {@code onTextDelta(0, …)} as text arrives, then {@code onBlockComplete} for each block, in content order,
 *       once the stream has ended. Its failure carries {@code contentDelivered() == true} once anything reached the
 *       observer.
 *   <li>Every provider, network, timeout or cancellation failure is a {@link ModelException} (see
 *       {@link ErrorMapper}); an unreadable body, including tool arguments that are not a JSON object, is a
 *       {@link ModelConnectionException}. The API key is sent only as {@code Authorization: Bearer}, and only when
 *       set; it never appears in an exception, a log line or {@link #toString()}. Logging is at DEBUG and never
 *       includes bodies.
 * </ul>
 *
 * <pre>{@code
 * var config = OpenAiConfig.fromEnv(System.getenv()).orElseThrow();
 * try (var openai = new OpenAiCompatibleModelClient(config)) {
 *     var request = new ModelRequest(config.model(), "You are terse.", List.of(Message.user("2+2?")),
 *             List.of(), 256, false, false);
 *     ModelResponse answer = openai.call(request, context);
 * }
 * }</pre>
 */
public final class OpenAiCompatibleModelClient implements ModelClient, AutoCloseable {
    public static final String NAME = "openai-compatible";
    /** The largest non-streamed response body read; a larger one fails the call. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** The most of an error body read to find its message. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    /** The longest line of an event stream; one chunk is one line. */
    static final int MAX_STREAM_LINE_BYTES = 4 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleModelClient.class);

    private final OpenAiConfig config;
    private final HttpClient http;
    private final ScheduledThreadPoolExecutor timers;
    private final ErrorMapper errors;

    public OpenAiCompatibleModelClient(OpenAiConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.errors = new ErrorMapper(config.apiKey());
        boolean plainHttp = "http".equalsIgnoreCase(config.baseUrl().getScheme());
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/2 over TLS by negotiation; on plain http, no h2c upgrade attempt that local servers mishandle
                .version(plainHttp ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
        this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform()
                .name("mainstay-openai-deadline")
                .daemon(true)
                .factory());
        this.timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String name() {
        return NAME;
    }

    public OpenAiConfig config() {
        return config;
    }

    /**
     * The model a request is sent with: its own, unless that is blank or a Claude model id ({@code claude-…}, which
     * a fallback chain may pass on unchanged), in which case {@link OpenAiConfig#model()}.
     */
    public String modelFor(ModelRequest request) {
        var requested = request.model().strip();
        return requested.isEmpty() || requested.toLowerCase(Locale.ROOT).startsWith("claude-")
                ? config.model()
                : requested;
    }

    /**
     * Calls the Chat Completions endpoint once.
     *
     * @throws ModelException on every provider, network, timeout or cancellation failure
     * @throws IllegalArgumentException when the request cannot be expressed to the API
     * @throws IllegalStateException when the client is closed
     */
    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        if (context.cancellation().isCancelled()) {
            throw new ModelCancelledException(false);
        }
        // the deadline is an instant fixed now: building the request counts against it, and the exchange and its
        // timer get only what is left of it once the request is ready
        var timeout = context.deadline().timeoutFor(config.defaultTimeout());
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        if (timeout.toMillis() < 1) {
            throw new ModelTimeoutException(timeout, false, null);
        }
        var model = modelFor(request);
        var bytes = json(ChatRequestMapper.toBody(request, model));
        var left = Duration.ofNanos(deadlineNanos - System.nanoTime());
        if (left.toMillis() < 1) {
            throw new ModelTimeoutException(timeout, false, null);
        }
        var httpRequest = httpRequest(bytes, request.stream(), left);
        var inFlight = new InFlightCall();
        var observer = new DeliveryTracker(context.observer());
        var accumulator = new ChatStreamAccumulator(observer);
        log.debug("openai call: run={} step={} model={} stream={} timeout={}ms",
                context.runId(), context.step(), model, request.stream(), left.toMillis());
        var timer = schedule(inFlight, left);
        var registration = context.cancellation().onCancel(() -> inFlight.abort(InFlightCall.Abort.CANCELLED));
        try {
            var response = exchange(httpRequest, request.stream(), model, inFlight, observer, accumulator);
            log.debug("openai call done: run={} step={} request-id={} stop={} in={} out={} cached={}",
                    context.runId(), context.step(), response.requestId(), response.stopReason(),
                    response.usage().inputTokens(), response.usage().outputTokens(),
                    response.usage().cacheReadInputTokens());
            return response;
        } catch (InterruptedException e) {
            inFlight.abort(InFlightCall.Abort.CANCELLED);
            Thread.currentThread().interrupt();
            throw logged(billed(new ModelCancelledException(observer.delivered()), accumulator, request), context);
        } catch (IOException e) {
            throw logged(billed(errors.translate(e, inFlight.abortReason(), observer.delivered(), timeout),
                    accumulator, request), context);
        } catch (RuntimeException e) {
            var failure = errors.translate(e, inFlight.abortReason(), observer.delivered(), timeout);
            if (failure == null) {
                throw e; // a bug (a throwing observer, say), not a provider failure
            }
            throw logged(billed(failure, accumulator, request), context);
        } finally {
            timer.cancel(false);
            registration.close();
        }
    }

    /** {@code failure}, with what the part of the stream it delivered was billed, if anything. */
    private static ModelException billed(ModelException failure, ChatStreamAccumulator accumulator,
            ModelRequest request) {
        var usage = accumulator.billedSoFar(request);
        if (usage.totalTokens() > 0) {
            failure.recordBilledUsage(usage);
        }
        return failure;
    }

    private ModelResponse exchange(HttpRequest httpRequest, boolean stream, String model, InFlightCall inFlight,
            DeliveryTracker observer, ChatStreamAccumulator accumulator) throws IOException, InterruptedException {
        var pending = http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        inFlight.attachExchange(pending);
        var response = await(pending);
        try (var body = response.body()) {
            inFlight.attachBody(body);
            var requestId = response.headers().firstValue("x-request-id").orElse("");
            var headers = response.headers().map();
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                var errorBody = body.readNBytes(MAX_ERROR_BODY_BYTES);
                inFlight.checkNotAborted();
                throw errors.httpError(status, headers, errorBody, requestId);
            }
            if (stream) {
                return streamed(body, model, requestId, headers, inFlight, observer, accumulator);
            }
            var bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
            inFlight.checkNotAborted();
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new ModelConnectionException(
                        "the response is larger than " + MAX_RESPONSE_BYTES + " bytes", false, null);
            }
            var root = ChatResponseMapper.parse(bytes, "a completion", false);
            var embedded = errors.embeddedError(root, headers, requestId, false, false);
            if (embedded != null) {
                throw embedded;
            }
            return ChatResponseMapper.toResponse(root, model, requestId);
        }
    }

    private ModelResponse streamed(InputStream body, String model, String requestId,
            Map<String, List<String>> headers, InFlightCall inFlight, DeliveryTracker observer,
            ChatStreamAccumulator accumulator) throws IOException {
        var events = new SseReader(body, MAX_STREAM_LINE_BYTES);
        boolean done = false;
        for (var event = events.next(); event != null; event = events.next()) {
            inFlight.checkNotAborted();
            if (event.data().strip().equals("[DONE]")) {
                done = true;
                break;
            }
            var chunk = ChatResponseMapper.parse(
                    event.data().getBytes(StandardCharsets.UTF_8), "a stream chunk",
                    observer.delivered());
            var error = errors.embeddedError(chunk, headers, requestId, true, observer.delivered());
            if (error != null) {
                throw error;
            }
            accumulator.accept(chunk);
        }
        inFlight.checkNotAborted();
        if (!done && !accumulator.isCompleteWithoutDone()) {
            throw new ModelConnectionException("the stream ended before data: [DONE]", observer.delivered(), null);
        }
        return accumulator.finish(model, requestId, observer.delivered());
    }

    private static byte[] json(ObjectNode body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON", e);
        }
    }

    private HttpRequest httpRequest(byte[] bytes, boolean stream, Duration timeout) {
        var builder = HttpRequest.newBuilder(config.chatCompletionsUrl())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (config.hasApiKey()) {
            builder.header("Authorization", "Bearer " + config.apiKey());
        }
        return builder.build();
    }

    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> pending)
            throws IOException, InterruptedException {
        try {
            return pending.get();
        } catch (CancellationException e) {
            throw new InterruptedIOException("exchange aborted");
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private ScheduledFuture<?> schedule(InFlightCall inFlight, Duration timeout) {
        try {
            return timers.schedule(
                    () -> inFlight.abort(InFlightCall.Abort.TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the OpenAI-compatible client is closed", e);
        }
    }

    private static ModelException logged(ModelException failure, CallContext context) {
        log.debug("openai call failed: run={} step={} code={} content-delivered={}",
                context.runId(), context.step(), failure.code(), failure.contentDelivered());
        return failure;
    }

    /** Aborts calls in flight, closes the connections and stops the timer thread. Idempotent. */
    @Override
    public void close() {
        timers.shutdownNow();
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleModelClient[" + config + "]";
    }
}
