package dev.mainstay.anthropic;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.LogLevel;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.internal.DeliveryTracker;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.model.RawBlock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Claude {@link ModelClient} on the official Anthropic Java SDK.
 *
 * <p>Contract:
 * <ul>
 *   <li>Thread-safe; one instance serves every run. Close it to release its connection pool.
 *   <li>Exactly one HTTP request per call: the SDK's own retries are off, Mainstay's retry interceptor owns retries.
 *   <li>Each call's deadline is the instant {@code context.deadline().timeoutFor(config.defaultTimeout())} from the
 *       moment it is called; the exchange gets what is left of it when it starts. A call whose deadline has passed
 *       fails with {@link ModelTimeoutException} without sending anything.
 *   <li>A stream that fails after {@code message_start} records what it was billed
 *       ({@link ModelException#billedUsage()}): the input and the output reported or delivered so far.
 *   <li>When {@code context.cancellation()} fires, the in-flight HTTP exchange is aborted and the call throws
 *       {@link ModelCancelledException}.
 *   <li>Every content block the model returns is kept, in order, streamed or not: text, tool_use, thinking (with
 *       its signature) and redacted_thinking in Mainstay's types, every other type as a {@link RawBlock} holding the
 *       block's JSON as the API sent it. Sent back in a later request, each goes out as it came, which is what the
 *       API requires of thinking blocks in a tool loop. {@link ModelRequest#thinkingBudget()} turns on extended
 *       thinking.
 *   <li>A streaming call ({@link ModelRequest#stream()}) feeds {@code context.observer()} on the calling thread:
 *       {@code onTextDelta} as answer text arrives (thinking is not text, and is not passed there),
 *       {@code onBlockComplete} as each block ends, indexed by the API's block index. Its failure carries
 *       {@code contentDelivered() == true} once anything reached the observer.
 *   <li>Every failure is a {@link ModelException} (see {@link ErrorTranslator}); the API key never appears in an
 *       exception message or a log line. Logging is at DEBUG and never includes message bodies.
 * </ul>
 *
 * <pre>{@code
 * try (var claude = new AnthropicModelClient(AnthropicConfig.of(System.getenv("ANTHROPIC_API_KEY")))) {
 *     var request = new ModelRequest(AnthropicModelClient.DEFAULT_MODEL, "You are terse.",
 *             List.of(Message.user("2+2?")), List.of(), 256, false, false);
 *     var context = new CallContext("run_1", "default", 1, Deadline.after(Duration.ofSeconds(30), clock),
 *             Cancellation.NEVER, StreamObserver.NONE);
 *     ModelResponse answer = claude.call(request, context);
 * }
 * }</pre>
 */
public final class AnthropicModelClient implements ModelClient, AutoCloseable {
    /** The newest Sonnet model the SDK names. */
    public static final String DEFAULT_MODEL = Model.CLAUDE_SONNET_5_5.asString();

    private static final Logger log = LoggerFactory.getLogger(AnthropicModelClient.class);

    private final AnthropicConfig config;
    private final OkHttpTransport transport;
    private final AnthropicClient client;
    private final ErrorTranslator errors;
    private final RequestMapper requests;

    public AnthropicModelClient(AnthropicConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.errors = new ErrorTranslator(config.apiKey());
        this.requests = new RequestMapper(config.promptCache());
        var clientTimeout = Timeout.builder()
                .connect(config.connectTimeout())
                .request(config.defaultTimeout())
                .build();
        var backend = AnthropicBackend.builder()
                .apiKey(config.apiKey())
                .baseUrl(config.baseUrlString())
                .build();
        this.transport = new OkHttpTransport(backend, config.connectTimeout(), config.defaultTimeout());
        // Assembled like AnthropicOkHttpClient.build(), on Mainstay's transport so that a call can be aborted.
        var options = ClientOptions.builder()
                .baseUrl(backend.baseUrl())
                .timeout(clientTimeout)
                .maxRetries(0)
                .logLevel(LogLevel.OFF)
                .openTelemetry(false);
        backend.applyCredentials(transport, options);
        this.client = new AnthropicClientImpl(options.httpClient(transport).build());
    }

    @Override
    public String name() {
        return "anthropic";
    }

    public AnthropicConfig config() {
        return config;
    }

    /**
     * Calls the Messages API once.
     *
     * @throws ModelException on every provider, network, timeout or cancellation failure
     * @throws IllegalArgumentException when the request cannot be expressed to the API
     */
    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        if (context.cancellation().isCancelled()) {
            throw new ModelCancelledException(false);
        }
        // the deadline is an instant, fixed now: preparing the request (cold, the SDK's first call takes a second or
        // more) counts against it, and the transport gives the exchange only what is left when it starts
        var timeout = context.deadline().timeoutFor(config.defaultTimeout());
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        if (timeout.toMillis() < 1) {
            throw new ModelTimeoutException(timeout, false, null);
        }
        var params = requests.toParams(request, config.defaultModel());
        var options = RequestOptions.builder()
                .timeout(Timeout.builder()
                        .connect(min(config.connectTimeout(), timeout))
                        .request(timeout)
                        .build())
                .build();
        var inFlight = new InFlightCall(deadlineNanos);
        var observer = new DeliveryTracker(context.observer());
        var accumulator = new StreamAccumulator(observer);
        if (log.isDebugEnabled()) {
            log.debug("anthropic call: run={} step={} model={} stream={} timeout={}ms",
                    context.runId(), context.step(), params.model().asString(), request.stream(), timeout.toMillis());
        }
        var registration = context.cancellation().onCancel(inFlight::abort);
        var binding = transport.bind(inFlight);
        try {
            var response = request.stream()
                    ? streamed(params, options, inFlight, observer, accumulator)
                    : unary(params, options);
            if (log.isDebugEnabled()) {
                log.debug("anthropic call done: run={} step={} request-id={} stop={} in={} out={}",
                        context.runId(), context.step(), response.requestId(), response.stopReason(),
                        response.usage().inputTokens(), response.usage().outputTokens());
            }
            return response;
        } catch (RuntimeException e) {
            boolean aborted = inFlight.isAborted();
            if (!(e instanceof AnthropicException || e instanceof ModelException || aborted)) {
                throw e; // a bug, not a provider failure
            }
            var failure = errors.translate(e, aborted, observer.delivered(), timeout);
            // what the stream delivered before it broke was billed
            var billed = accumulator.billedSoFar();
            if (billed.totalTokens() > 0) {
                failure.recordBilledUsage(billed);
            }
            log.debug("anthropic call failed: run={} step={} code={}", context.runId(), context.step(), failure.code());
            throw failure;
        } finally {
            binding.close();
            registration.close();
        }
    }

    private ModelResponse unary(MessageCreateParams params, RequestOptions options) {
        try (var raw = client.messages().withRawResponse().create(params, options)) {
            var requestId = raw.requestId().orElse("");
            var message = raw.parse();
            return ResponseMapper.toResponse(message, requestId);
        }
    }

    private ModelResponse streamed(MessageCreateParams params, RequestOptions options, InFlightCall inFlight,
            DeliveryTracker observer, StreamAccumulator accumulator) {
        try (var raw = client.messages().withRawResponse().createStreaming(params, options);
                var events = raw.parse()) {
            var requestId = raw.requestId().orElse("");
            var iterator = events.stream().iterator();
            while (!accumulator.isComplete() && iterator.hasNext()) {
                accumulator.accept(iterator.next());
            }
            if (inFlight.isAborted()) {
                throw new ModelCancelledException(observer.delivered());
            }
            if (!accumulator.isComplete()) {
                throw new ModelConnectionException(
                        "the stream ended before message_stop", observer.delivered(), null);
            }
            return accumulator.response(requestId);
        }
    }

    /** Closes the connection pool and the SDK's executors. Calls in flight fail. */
    @Override
    public void close() {
        client.close();
    }

    /** For tests: exchanges still waiting for their response headers. */
    int exchangesRunning() {
        return transport.exchangesRunning();
    }

    @Override
    public String toString() {
        return "AnthropicModelClient[" + config + "]";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
