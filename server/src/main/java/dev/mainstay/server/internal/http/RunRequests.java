package dev.mainstay.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.run.RunLimits;
import dev.mainstay.server.internal.service.RunService.Submission;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.Principal;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.RunStatus;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns run requests into service calls, validating every field: {@code POST /v1/runs} bodies and the query of
 * {@code GET /v1/runs}. Limits a request leaves out are the service's configured defaults; a run opts in to the
 * response cache only with {@code "cache": {"response": true}}.
 */
final class RunRequests {
    /** The longest input accepted, in characters (the CLI's limit too). */
    static final int MAX_INPUT_LENGTH = 20_000;
    static final int MAX_STEPS = 100;
    static final int MAX_DEADLINE_SECONDS = 3_600;
    static final int MAX_OUTPUT_TOKENS = 128_000;
    static final int MAX_WAIT_SECONDS = 300;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Set<String> SUBMIT_FIELDS = Set.of("input", "conversation_id", "limits", "wait", "on_busy",
            "cache");
    private static final Set<String> CACHE_FIELDS = Set.of("response");
    private static final Set<String> LIMIT_FIELDS = Set.of("max_steps", "deadline", "max_output_tokens",
            "max_cost_usd", "max_total_tokens", "max_tool_calls");
    /** The largest run budget a request may set. */
    static final java.math.BigDecimal MAX_RUN_COST_USD = new java.math.BigDecimal("10000");
    static final int MAX_RUN_TOOL_CALLS = 1000;
    private static final Set<String> LIST_PARAMS = Set.of("status", "conversation_id", "cursor", "limit", "user_id");
    private static final List<String> STATUSES = Arrays.stream(RunStatus.values()).map(RunStatus::wire).toList();

    private final RunLimits defaults;
    private final int minOutputTokens;

    /** @param minOutputTokens the least {@code max_output_tokens} the agent can run with (above its thinking budget) */
    RunRequests(RunLimits defaults, int minOutputTokens) {
        this.defaults = defaults;
        this.minOutputTokens = minOutputTokens;
    }

    /** A validated run submission and how long the client wants to wait for its end. */
    record Parsed(Submission submission, Duration waitFor) {}

    Parsed submission(ObjectNode body, String traceparent) {
        var fields = Fields.of(body, SUBMIT_FIELDS);
        var input = fields.requiredText("input", MAX_INPUT_LENGTH);
        var conversation = fields.optionalToken("conversation_id", ID_PATTERN, "a conversation id");
        var limits = defaults;
        var limitFields = fields.object("limits", LIMIT_FIELDS);
        if (limitFields.isPresent()) {
            var l = limitFields.get();
            var steps = l.optionalInt("max_steps", 1, MAX_STEPS);
            var deadline = l.optionalSeconds("deadline", 1, MAX_DEADLINE_SECONDS);
            var tokens = l.optionalInt("max_output_tokens", minOutputTokens, MAX_OUTPUT_TOKENS);
            var cost = l.optionalUsd("max_cost_usd", MAX_RUN_COST_USD);
            var totalTokens = l.optionalInt("max_total_tokens", 1, Integer.MAX_VALUE);
            var toolCalls = l.optionalInt("max_tool_calls", 1, MAX_RUN_TOOL_CALLS);
            limits = limits.withMaxSteps(steps.orElse(limits.maxSteps()))
                    .withDeadline(deadline.map(Duration::ofSeconds).orElse(limits.deadline()))
                    .withMaxOutputTokens(tokens.orElse(limits.maxOutputTokens()))
                    .withMaxCostUsd(cost.isPresent() ? cost : limits.maxCostUsd())
                    .withMaxTotalTokens(totalTokens.map(Integer::longValue).orElse(limits.maxTotalTokens()))
                    .withMaxToolCalls(toolCalls.orElse(limits.maxToolCalls()));
        }
        boolean cacheResponses = fields.object("cache", CACHE_FIELDS)
                .flatMap(cache -> cache.optionalBoolean("response")).orElse(false);
        int wait = fields.optionalSeconds("wait", 0, MAX_WAIT_SECONDS).orElse(0);
        var onBusy = fields.optionalEnum("on_busy", List.of("enqueue", "reject"))
                .map(v -> OnBusy.valueOf(v.toUpperCase(Locale.ROOT))).orElse(OnBusy.ENQUEUE);
        fields.check();
        var trace = Optional.ofNullable(traceparent).filter(t -> TRACEPARENT.matcher(t).matches());
        return new Parsed(new Submission(input, conversation, limits, onBusy, trace, cacheResponses), Duration.ofSeconds(wait));
    }

    RunFilter filter(Context ctx, Principal caller) {
        var errors = new java.util.ArrayList<Problem.FieldError>();
        for (var name : ctx.queryParamMap().keySet()) {
            if (!LIST_PARAMS.contains(name)) {
                errors.add(new Problem.FieldError(name.replaceAll("[^\\x20-\\x7e]", "?"),
                        "unknown query parameter; allowed: " + String.join(", ", LIST_PARAMS.stream().sorted().toList())));
            }
        }
        Optional<RunStatus> status = Optional.empty();
        var rawStatus = ctx.queryParam("status");
        if (rawStatus != null) {
            if (STATUSES.contains(rawStatus)) {
                status = Optional.of(RunStatus.fromWire(rawStatus));
            } else {
                errors.add(new Problem.FieldError("status", "must be one of " + String.join(", ", STATUSES)));
            }
        }
        var conversation = Optional.ofNullable(ctx.queryParam("conversation_id"));
        if (conversation.isPresent() && !conversation.get().matches(ID_PATTERN)) {
            errors.add(new Problem.FieldError("conversation_id", "must be a conversation id"));
        }
        var cursor = Optional.ofNullable(ctx.queryParam("cursor"));
        if (cursor.isPresent() && (cursor.get().isEmpty() || cursor.get().length() > 512)) {
            errors.add(new Problem.FieldError("cursor", "is not a cursor this API gave out"));
        }
        int limit = DEFAULT_PAGE_SIZE;
        var rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                errors.add(new Problem.FieldError("limit", "must be a whole number between 1 and 100"));
                limit = DEFAULT_PAGE_SIZE;
            }
        }
        var user = Optional.ofNullable(ctx.queryParam("user_id"));
        if (user.isPresent() && !user.get().matches("[A-Za-z0-9._@-]{1,64}")) {
            errors.add(new Problem.FieldError("user_id", "must be a user id"));
        }
        if (!errors.isEmpty()) {
            throw new Problem(ProblemType.INVALID_REQUEST, errors.getFirst().field() + " " + errors.getFirst().message(),
                    errors, Optional.empty(), java.util.Map.of()).exception();
        }
        if (user.isPresent() && !caller.isAdmin() && !user.get().equals(caller.userId())) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "a member key lists only its own runs; user_id needs an "
                    + "admin key");
        }
        return new RunFilter(user, status, conversation, cursor, limit);
    }
}
