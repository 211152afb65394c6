package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.sim.Latency;
import dev.mainstay.sim.Outcome;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}. A request goes: size and key checks, parse
 * and validate, draw this request's generator, draw a fault (only for models the profile covers), wait the time to
 * first byte, then answer — an error status, a hang, or the brain's reply, shaped by the request's options
 * ({@link ReplyWriter}), written as JSON or SSE with the drawn fault applied. The stats record exactly one outcome
 * per request.
 */
public final class MessagesEndpoint {
    /** Bodies larger than this are refused with 413 {@code request_too_large}, as the real API does past 32 MB. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    /** A hung request is released after this long even if neither the client nor the simulator gave up. */
    public static final Duration MAX_HANG = Duration.ofMinutes(10);
    /** How often a hung request checks whether its client has given up. */
    static final Duration HANG_POLL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(MessagesEndpoint.class);

    private final Services services;
    private final FaultResponses faultResponses;

    public MessagesEndpoint(Services services) {
        this.services = services;
        this.faultResponses = new FaultResponses(services);
    }

    public void messages(Context ctx) {
        services.stats().received();
        services.rateLimits().recordRequest();
        try {
            var wire = read(ctx, true);
            services.stats().model(wire.request().model());
            serve(ctx, wire);
        } catch (ApiError error) {
            services.stats().outcome(error.outcome());
            ErrorEnvelope.write(ctx, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Connections.abort(ctx);
        }
    }

    public void countTokens(Context ctx) {
        try {
            var wire = read(ctx, false);
            long tokens = TokenEstimator.estimateInput(wire.request());
            ctx.contentType("application/json").result(Json.write(Json.object().put("input_tokens", tokens)));
        } catch (ApiError error) {
            ErrorEnvelope.write(ctx, error);
        }
    }

    private WireRequest read(Context ctx, boolean messagesEndpoint) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (!ApiKeys.present(ctx)) {
            throw new ApiError(401, ApiErrorType.AUTHENTICATION, Outcome.UNAUTHENTICATED,
                    "x-api-key header is required (or Authorization: Bearer <key>)");
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            throw e.getStatus() == 413 ? tooLarge() : ApiError.invalidRequest("the request body could not be read");
        }
        return RequestParser.parse(body, messagesEndpoint);
    }

    private static ApiError tooLarge() {
        return new ApiError(413, ApiErrorType.REQUEST_TOO_LARGE, Outcome.TOO_LARGE,
                "Request exceeds the maximum allowed number of bytes (" + MAX_BODY_BYTES + ").");
    }

    private void serve(Context ctx, WireRequest wire) throws InterruptedException {
        var request = wire.request();
        var random = services.randoms().next();
        var profile = services.faults().get();
        boolean inScope = profile.appliesTo(request.model());
        var fault = inScope ? FaultDecider.decide(profile, random) : Fault.NONE;
        var latency = inScope ? profile.latency() : Latency.ZERO;
        services.sleeper().sleep(latency.timeToFirstByte(random));
        switch (fault) {
            case Fault.ErrorStatus status -> faultResponses.status(ctx, status.status(), profile);
            case Fault.Refused refused -> faultResponses.refused(ctx, refused.kind(), request.model(), profile);
            case Fault.Hang hang -> hang(ctx);
            case Fault.MidStreamOverload overload when !request.stream() -> faultResponses.status(ctx, 529, profile);
            case Fault.None none -> answer(ctx, wire, fault, latency, random);
            case Fault.MidStreamOverload overload -> answer(ctx, wire, fault, latency, random);
            case Fault.Cut cut -> answer(ctx, wire, fault, latency, random);
            case Fault.Malformed malformed -> answer(ctx, wire, fault, latency, random);
        }
    }

    /**
     * Holds the request unanswered on its virtual thread until the simulator closes, the client gives up (checked
     * every {@link #HANG_POLL}) or {@link #MAX_HANG} passes; then drops the connection without a response.
     */
    private void hang(Context ctx) throws InterruptedException {
        services.stats().outcome(Outcome.HANG);
        long polls = MAX_HANG.dividedBy(HANG_POLL);
        services.stats().hangStarted();
        try (var hold = services.holds().open()) {
            for (long i = 0; i < polls && !hold.await(HANG_POLL) && !Connections.isClientGone(ctx); i++) {
                // keep holding
            }
        } finally {
            services.stats().hangEnded();
            Connections.abort(ctx);
        }
    }

    private void answer(Context ctx, WireRequest wire, Fault fault, Latency latency, RandomGenerator random)
            throws InterruptedException {
        var request = wire.request();
        var messageId = Ids.messageId(random);
        dev.mainstay.sim.brain.Reply reply;
        try {
            reply = services.brain().get().reply(request);
        } catch (RuntimeException e) {
            LOG.warn("the simulator's brain failed on a request for model {}", request.model(), e);
            throw new ApiError(500, ApiErrorType.API_ERROR, Outcome.SERVER_ERROR, "Internal server error");
        }
        var written = ReplyWriter.write(wire, reply);
        var content = withToolUseIds(written.content(), random);
        long outputTokens = written.outputTokens();
        var cache = services.cache().account(wire);
        var usage = new Usage(cache.inputTokens(), outputTokens, cache.cacheWrite5mTokens(),
                cache.cacheWrite1hTokens(), cache.cacheReadInputTokens(), 0, 0);
        services.rateLimits().recordTokens(usage.totalTokens());
        var completion = new Completion(
                messageId, request.model(), content, written.stopReason(), written.stopSequence(), usage);
        services.stats().outcome(switch (fault) {
            case Fault.MidStreamOverload overload -> Outcome.STREAM_ERROR;
            case Fault.Cut cut -> Outcome.CUT;
            case Fault.Malformed malformed -> Outcome.MALFORMED;
            default -> Outcome.OK;
        });
        if (request.stream()) {
            new StreamWriter(ctx, services.sleeper(), latency).write(MessageJson.events(completion), fault);
        } else {
            services.sleeper().sleep(latency.forOutputTokens(outputTokens));
            BodyWriter.write(ctx, Json.write(MessageJson.message(completion)), fault);
        }
    }

    /** Keeps a brain's own {@code toolu_…} ids; gives other tool_use blocks one drawn from the request's generator. */
    private static List<ContentBlock> withToolUseIds(List<ContentBlock> content, RandomGenerator random) {
        var result = new ArrayList<ContentBlock>(content.size());
        for (var block : content) {
            if (block instanceof ToolUseBlock use && !use.id().startsWith("toolu_")) {
                result.add(new ToolUseBlock(Ids.toolUseId(random), use.name(), use.input()));
            } else {
                result.add(block);
            }
        }
        return result;
    }
}
