package dev.mainstay.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.chaos.ChaosProfile.Outage;
import dev.mainstay.chaos.ChaosProfile.Scope;
import dev.mainstay.json.Json;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Latency;
import dev.mainstay.sim.WorldFaults;
import dev.mainstay.sim.WorldFaults.RouteFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file form of a {@link ChaosProfile} ({@code bench/chaos/profiles/*.json}): snake_case, durations in whole
 * milliseconds (the rejection target in microseconds), model faults with the field names of the simulator's
 * {@code PUT /admin/faults}. Absent fields take their zero value; unknown fields, wrong types and invalid values are
 * all reported at once. Stateless.
 */
public final class ChaosProfileJson {
    private static final Set<String> ROOT = Set.of("name", "description", "model_faults", "world_faults", "outage",
            "targets");
    private static final Set<String> FAULTS = Set.of("scope", "latency", "rate_429", "retry_after_ms", "rate_529",
            "rate_500", "mid_stream_overload_rate", "cut_stream_rate", "cut_after_events", "hang_rate",
            "malformed_json_rate");
    private static final Set<String> LATENCY = Set.of("base_ms", "jitter_ms", "per_output_token_ms");
    private static final Set<String> ROUTE = Set.of("failure_rate", "hang_rate");
    private static final Set<String> OUTAGE = Set.of("start_after_ms", "window_ms", "faults");
    private static final Set<String> TARGETS = Set.of("min_success_rate", "min_finished_rate", "max_amplification",
            "max_deadline_overrun_ms", "fallback_answers", "breaker_opens_in_outage", "max_rejection_p99_us",
            "extra_calls_within_budget");

    private ChaosProfileJson() {}

    public static ObjectNode write(ChaosProfile profile) {
        var root = Json.object().put("name", profile.name()).put("description", profile.description());
        var modelFaults = root.putObject("model_faults").put("scope", profile.scope().wire());
        modelFaults.setAll(faults(profile.modelFaults()));
        var world = root.putObject("world_faults");
        world.putObject("weather").put("failure_rate", profile.worldFaults().weather().failureRate())
                .put("hang_rate", profile.worldFaults().weather().hangRate());
        world.putObject("search").put("failure_rate", profile.worldFaults().search().failureRate())
                .put("hang_rate", profile.worldFaults().search().hangRate());
        profile.outage().ifPresent(o -> root.putObject("outage").put("start_after_ms", o.startAfter().toMillis())
                .put("window_ms", o.window().toMillis()).set("faults", faults(o.faults())));
        var t = profile.targets();
        var targets = root.putObject("targets");
        t.minSuccessRate().ifPresent(v -> targets.put("min_success_rate", v));
        t.minFinishedRate().ifPresent(v -> targets.put("min_finished_rate", v));
        t.maxAmplification().ifPresent(v -> targets.put("max_amplification", v));
        t.maxDeadlineOverrun().ifPresent(v -> targets.put("max_deadline_overrun_ms", v.toMillis()));
        targets.put("fallback_answers", t.fallbackAnswers()).put("breaker_opens_in_outage", t.breakerOpensInOutage());
        t.maxRejectionP99().ifPresent(v -> targets.put("max_rejection_p99_us", v.toNanos() / 1000));
        targets.put("extra_calls_within_budget", t.extraCallsWithinBudget());
        return root;
    }

    private static ObjectNode faults(FaultProfile f) {
        var node = Json.object();
        node.putObject("latency").put("base_ms", f.latency().base().toMillis())
                .put("jitter_ms", f.latency().jitter().toMillis())
                .put("per_output_token_ms", f.latency().perOutputToken().toMillis());
        return node.put("rate_429", f.rate429()).put("retry_after_ms", f.retryAfter().toMillis())
                .put("rate_529", f.rate529()).put("rate_500", f.rate500())
                .put("mid_stream_overload_rate", f.midStreamOverloadRate()).put("cut_stream_rate", f.cutStreamRate())
                .put("cut_after_events", f.cutAfterEvents()).put("hang_rate", f.hangRate())
                .put("malformed_json_rate", f.malformedJsonRate());
    }

    /** @throws IllegalArgumentException listing every problem in {@code json} */
    public static ChaosProfile read(String json) {
        ObjectNode root;
        try {
            root = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a chaos profile must be a JSON object (" + e.getMessage() + ")");
        }
        var r = new Reader();
        r.known("", root, ROOT);
        var name = r.text(root, "name");
        var description = root.path("description").asText("");
        var modelFaults = r.faults("model_faults", root.get("model_faults"));
        var scope = Scope.ALL_MODELS;
        var scopeNode = root.path("model_faults").get("scope");
        if (scopeNode != null) {
            try {
                scope = Scope.parse(scopeNode.asText());
            } catch (IllegalArgumentException e) {
                r.problems.add("model_faults." + e.getMessage());
            }
        }
        var world = new WorldFaults(r.route("world_faults.weather", root.path("world_faults").get("weather")),
                r.route("world_faults.search", root.path("world_faults").get("search")));
        r.known("world_faults.", root.get("world_faults"), Set.of("weather", "search"));
        var outage = r.outage(root.get("outage"));
        var targets = r.targets(root.get("targets"));
        if (!r.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid chaos profile: " + String.join("; ", r.problems));
        }
        return new ChaosProfile(name, description, modelFaults, scope, world, outage, targets);
    }

    /** Reads parts of a profile, collecting every problem instead of stopping at the first. Not thread-safe. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        void known(String prefix, JsonNode node, Set<String> fields) {
            if (node instanceof ObjectNode object) {
                object.fieldNames().forEachRemaining(f -> {
                    if (!fields.contains(f)) {
                        problems.add("unknown field '" + prefix + f + "'; known fields: " + new TreeSet<>(fields));
                    }
                });
            } else if (node != null && !node.isNull()) {
                problems.add((prefix.isEmpty() ? "the profile" : prefix.substring(0, prefix.length() - 1))
                        + " must be an object");
            }
        }

        String text(JsonNode parent, String field) {
            var node = parent.get(field);
            if (node == null || !node.isTextual()) {
                problems.add(field + " must be a string");
                return "invalid";
            }
            return node.textValue();
        }

        double rate(String prefix, JsonNode parent, String field) {
            var node = parent.get(field);
            if (node == null) {
                return 0;
            }
            if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
                problems.add(prefix + field + " must be a number between 0 and 1, but was " + node);
                return 0;
            }
            return node.doubleValue();
        }

        long whole(String prefix, JsonNode parent, String field, long fallback) {
            var node = parent.get(field);
            if (node == null) {
                return fallback;
            }
            if (!node.isIntegralNumber() || node.longValue() < 0) {
                problems.add(prefix + field + " must be a non-negative whole number, but was " + node);
                return fallback;
            }
            return node.longValue();
        }

        FaultProfile faults(String path, JsonNode node) {
            var prefix = path + ".";
            known(prefix, node, FAULTS);
            if (!(node instanceof ObjectNode f)) {
                return FaultProfile.NONE;
            }
            var latencyNode = f.path("latency");
            known(prefix + "latency.", f.get("latency"), LATENCY);
            var latency = new Latency(Duration.ofMillis(whole(prefix + "latency.", latencyNode, "base_ms", 0)),
                    Duration.ofMillis(whole(prefix + "latency.", latencyNode, "jitter_ms", 0)),
                    Duration.ofMillis(whole(prefix + "latency.", latencyNode, "per_output_token_ms", 0)));
            int before = problems.size();
            var builder = FaultProfile.builder().latency(latency)
                    .rate429(rate(prefix, f, "rate_429"))
                    .retryAfter(Duration.ofMillis(whole(prefix, f, "retry_after_ms",
                            FaultProfile.DEFAULT_RETRY_AFTER.toMillis())))
                    .rate529(rate(prefix, f, "rate_529"))
                    .rate500(rate(prefix, f, "rate_500"))
                    .midStreamOverloadRate(rate(prefix, f, "mid_stream_overload_rate"))
                    .cutStreamRate(rate(prefix, f, "cut_stream_rate"))
                    .cutAfterEvents((int) Math.min(Integer.MAX_VALUE,
                            whole(prefix, f, "cut_after_events", FaultProfile.DEFAULT_CUT_AFTER_EVENTS)))
                    .hangRate(rate(prefix, f, "hang_rate"))
                    .malformedJsonRate(rate(prefix, f, "malformed_json_rate"));
            if (problems.size() > before) {
                return FaultProfile.NONE;
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
                return FaultProfile.NONE;
            }
        }

        RouteFaults route(String path, JsonNode node) {
            known(path + ".", node, ROUTE);
            if (!(node instanceof ObjectNode r)) {
                return RouteFaults.NONE;
            }
            int before = problems.size();
            double failure = rate(path + ".", r, "failure_rate");
            double hang = rate(path + ".", r, "hang_rate");
            if (problems.size() > before) {
                return RouteFaults.NONE;
            }
            try {
                return new RouteFaults(failure, hang);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
                return RouteFaults.NONE;
            }
        }

        Optional<Outage> outage(JsonNode node) {
            known("outage.", node, OUTAGE);
            if (!(node instanceof ObjectNode o)) {
                return Optional.empty();
            }
            var start = Duration.ofMillis(whole("outage.", o, "start_after_ms", 0));
            var window = Duration.ofMillis(whole("outage.", o, "window_ms", 0));
            var faults = faults("outage.faults", o.get("faults"));
            try {
                return Optional.of(new Outage(start, window, faults));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        }

        ChaosTargets targets(JsonNode node) {
            known("targets.", node, TARGETS);
            if (!(node instanceof ObjectNode t)) {
                return ChaosTargets.NONE;
            }
            var overrun = t.has("max_deadline_overrun_ms")
                    ? Optional.of(Duration.ofMillis(whole("targets.", t, "max_deadline_overrun_ms", 0)))
                    : Optional.<Duration>empty();
            var rejection = t.has("max_rejection_p99_us")
                    ? Optional.of(Duration.ofNanos(1000 * whole("targets.", t, "max_rejection_p99_us", 1)))
                    : Optional.<Duration>empty();
            try {
                return new ChaosTargets(number(t, "min_success_rate"), number(t, "min_finished_rate"),
                        number(t, "max_amplification"), overrun, flag(t, "fallback_answers"),
                        flag(t, "breaker_opens_in_outage"), rejection, flag(t, "extra_calls_within_budget"));
            } catch (IllegalArgumentException e) {
                problems.add("targets: " + e.getMessage());
                return ChaosTargets.NONE;
            }
        }

        private OptionalDouble number(ObjectNode t, String field) {
            var node = t.get(field);
            if (node == null) {
                return OptionalDouble.empty();
            }
            if (!node.isNumber()) {
                problems.add("targets." + field + " must be a number, but was " + node);
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(node.doubleValue());
        }

        private boolean flag(ObjectNode t, String field) {
            var node = t.get(field);
            if (node != null && !node.isBoolean()) {
                problems.add("targets." + field + " must be true or false, but was " + node);
                return false;
            }
            return node != null && node.booleanValue();
        }
    }
}
