package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.sim.ErrorFault;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.FaultProfile.RetryAfterFormat;
import dev.mainstay.sim.FaultProfile.ShouldRetryHeader;
import dev.mainstay.sim.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;

/**
 * The admin API's JSON form of a {@link FaultProfile}: snake_case fields, durations in whole milliseconds, one
 * {@code rate_…} field per {@link ErrorFault} ({@code rate_403}, {@code rate_429_usage_limit}…),
 * {@code x_should_retry} ({@code true}, {@code false} or {@code null} for no header) and {@code retry_after_format}
 * ({@code seconds}, {@code millis} or {@code both}). Reading starts from {@code "profile"} (a preset name,
 * {@code none} when absent) and overrides the fields given; unknown fields, wrong types and invalid values are all
 * reported at once.
 */
public final class FaultProfileJson {
    private static final Set<String> FIELDS = fields();
    private static final Set<String> LATENCY_FIELDS = Set.of("base_ms", "jitter_ms", "per_output_token_ms");

    private FaultProfileJson() {}

    private static Set<String> fields() {
        var fields = new HashSet<>(Set.of("profile", "latency", "rate_429", "retry_after_ms", "rate_529", "rate_500",
                "mid_stream_overload_rate", "cut_stream_rate", "cut_after_events", "hang_rate", "malformed_json_rate",
                "models", "x_should_retry", "retry_after_format"));
        for (var fault : ErrorFault.values()) {
            fields.add(fault.field());
        }
        return Set.copyOf(fields);
    }

    public static ObjectNode write(FaultProfile profile) {
        var root = Json.object();
        root.putObject("latency")
                .put("base_ms", profile.latency().base().toMillis())
                .put("jitter_ms", profile.latency().jitter().toMillis())
                .put("per_output_token_ms", profile.latency().perOutputToken().toMillis());
        root.put("rate_429", profile.rate429());
        root.put("retry_after_ms", profile.retryAfter().toMillis());
        root.put("rate_529", profile.rate529());
        root.put("rate_500", profile.rate500());
        root.put("mid_stream_overload_rate", profile.midStreamOverloadRate());
        root.put("cut_stream_rate", profile.cutStreamRate());
        root.put("cut_after_events", profile.cutAfterEvents());
        root.put("hang_rate", profile.hangRate());
        root.put("malformed_json_rate", profile.malformedJsonRate());
        for (var fault : ErrorFault.values()) {
            root.put(fault.field(), profile.rate(fault));
        }
        switch (profile.shouldRetryHeader()) {
            case ABSENT -> root.putNull("x_should_retry");
            case TRUE -> root.put("x_should_retry", true);
            case FALSE -> root.put("x_should_retry", false);
        }
        root.put("retry_after_format", profile.retryAfterFormat().name().toLowerCase(Locale.ROOT));
        var models = root.putArray("models");
        new TreeSet<>(profile.models()).forEach(models::add);
        return root;
    }

    /** @throws IllegalArgumentException listing every problem in {@code json} */
    public static FaultProfile read(String json) {
        ObjectNode root;
        try {
            root = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the body must be a JSON object (" + e.getMessage() + ")");
        }
        var problems = new ArrayList<String>();
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "'; known fields: " + new TreeSet<>(FIELDS));
            }
        });
        var base = base(root, problems);
        var builder = base.toBuilder();
        readLatency(root.get("latency"), base.latency(), builder, problems);
        rate(root, "rate_429", builder::rate429, problems);
        rate(root, "rate_529", builder::rate529, problems);
        rate(root, "rate_500", builder::rate500, problems);
        rate(root, "mid_stream_overload_rate", builder::midStreamOverloadRate, problems);
        rate(root, "cut_stream_rate", builder::cutStreamRate, problems);
        rate(root, "hang_rate", builder::hangRate, problems);
        rate(root, "malformed_json_rate", builder::malformedJsonRate, problems);
        for (var fault : ErrorFault.values()) {
            rate(root, fault.field(), value -> builder.rate(fault, value), problems);
        }
        readShouldRetry(root.get("x_should_retry"), builder, problems);
        readRetryAfterFormat(root.get("retry_after_format"), builder, problems);
        var retryAfter = millis(root, "retry_after_ms", problems);
        if (retryAfter != null) {
            builder.retryAfter(retryAfter);
        }
        var cutAfter = root.get("cut_after_events");
        if (cutAfter != null) {
            if (cutAfter.isIntegralNumber() && cutAfter.canConvertToInt()) {
                builder.cutAfterEvents(cutAfter.intValue());
            } else {
                problems.add("cut_after_events must be an integer");
            }
        }
        readModels(root.get("models"), builder, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return builder.build();
    }

    private static FaultProfile base(ObjectNode root, List<String> problems) {
        var name = root.get("profile");
        if (name == null || name.isNull()) {
            return FaultProfile.NONE;
        }
        try {
            return FaultProfile.named(name.asText());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return FaultProfile.NONE;
        }
    }

    /** Latency fields not given keep the preset's values. */
    private static void readLatency(
            JsonNode node, Latency preset, FaultProfile.Builder builder, List<String> problems) {
        if (node == null) {
            return;
        }
        if (!(node instanceof ObjectNode latency)) {
            problems.add("latency must be an object with base_ms, jitter_ms and per_output_token_ms");
            return;
        }
        latency.fieldNames().forEachRemaining(name -> {
            if (!LATENCY_FIELDS.contains(name)) {
                problems.add("unknown field 'latency." + name + "'; known fields: " + new TreeSet<>(LATENCY_FIELDS));
            }
        });
        int before = problems.size();
        var base = millis(latency, "base_ms", problems);
        var jitter = millis(latency, "jitter_ms", problems);
        var perToken = millis(latency, "per_output_token_ms", problems);
        if (problems.size() == before) {
            builder.latency(new Latency(
                    base == null ? preset.base() : base,
                    jitter == null ? preset.jitter() : jitter,
                    perToken == null ? preset.perOutputToken() : perToken));
        }
    }

    private static void rate(ObjectNode root, String field, DoubleConsumer setter, List<String> problems) {
        var node = root.get(field);
        if (node == null) {
            return;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0.0 && node.doubleValue() <= 1.0)) {
            problems.add(field + " must be a number between 0 and 1, but was " + node);
            return;
        }
        setter.accept(node.doubleValue());
    }

    /** A non-negative whole number of milliseconds; {@code null} when absent or invalid (then a problem is added). */
    private static Duration millis(ObjectNode parent, String field, List<String> problems) {
        var node = parent.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || node.longValue() < 0) {
            problems.add(field + " must be a non-negative integer number of milliseconds, but was " + node);
            return null;
        }
        return Duration.ofMillis(node.longValue());
    }

    private static void readShouldRetry(JsonNode node, FaultProfile.Builder builder, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node.isNull()) {
            builder.shouldRetryHeader(ShouldRetryHeader.ABSENT);
        } else if (node.isBoolean()) {
            builder.shouldRetryHeader(node.booleanValue() ? ShouldRetryHeader.TRUE : ShouldRetryHeader.FALSE);
        } else {
            problems.add("x_should_retry must be true, false or null (no header), but was " + node);
        }
    }

    private static void readRetryAfterFormat(JsonNode node, FaultProfile.Builder builder, List<String> problems) {
        if (node == null) {
            return;
        }
        var format = switch (node.isTextual() ? node.textValue() : "") {
            case "seconds" -> RetryAfterFormat.SECONDS;
            case "millis" -> RetryAfterFormat.MILLIS;
            case "both" -> RetryAfterFormat.BOTH;
            default -> null;
        };
        if (format == null) {
            problems.add("retry_after_format must be \"seconds\", \"millis\" or \"both\", but was " + node);
        } else {
            builder.retryAfterFormat(format);
        }
    }

    private static void readModels(JsonNode node, FaultProfile.Builder builder, List<String> problems) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            problems.add("models must be a list of model ids");
            return;
        }
        var models = new TreeSet<String>();
        for (var item : node) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                problems.add("models must contain only non-blank model ids, but contained " + item);
                return;
            }
            models.add(item.textValue());
        }
        builder.models(models);
    }
}
