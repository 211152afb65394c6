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
            "targets", "defaults");
    private static final Set<String> FAULTS = Set.of("scope", "latency", "rate_429", "retry_after_ms", "rate_529",
            "rate_500", "mid_stream_overload_rate", "cut_stream_rate", "cut_after_events", "hang_rate",
            "malformed_json_rate");
    private static final Set<String> LATENCY = Set.of("base_ms", "jitter_ms", "per_output_token_ms");
    private static final Set<String> ROUTE = Set.of("failure_rate", "hang_rate");
    private static final Set<String> OUTAGE = Set.of("start_after_ms", "window_ms", "faults", "target");
    private static final Set<String> TARGETS = Set.of("min_success_rate", "min_finished_rate", "max_amplification",
            "max_deadline_overrun_ms", "fallback_answers", "breaker_opens_in_outage", "max_rejection_p99_us",
            "extra_calls_within_budget", "max_retries_per_first_attempt", "max_latency_p99_ms",
            "max_probes_per_retry_after", "every_run_ends_as");
    private static final Set<String> DEFAULTS = Set.of("runs", "concurrency", "runs_per_second", "warmup_runs",
            "run_deadline_ms", "attempt_timeout_ms", "breaker_open_ms", "no_fallback");

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
                .put("window_ms", o.window().toMillis()).put("target", o.target().wire())
                .set("faults", faults(o.faults())));
        var t = profile.targets();
        var targets = root.putObject("targets");
        t.minSuccessRate().ifPresent(v -> targets.put("min_success_rate", v));
        t.minFinishedRate().ifPresent(v -> targets.put("min_finished_rate", v));
        t.maxAmplification().ifPresent(v -> targets.put("max_amplification", v));
        t.maxDeadlineOverrun().ifPresent(v -> targets.put("max_deadline_overrun_ms", v.toMillis()));
        targets.put("fallback_answers", t.fallbackAnswers()).put("breaker_opens_in_outage", t.breakerOpensInOutage());
        t.maxRejectionP99().ifPresent(v -> targets.put("max_rejection_p99_us", v.toNanos() / 1000));
        targets.put("extra_calls_within_budget", t.extraCallsWithinBudget());
        t.maxRetriesPerFirstAttempt().ifPresent(v -> targets.put("max_retries_per_first_attempt", v));
        t.maxLatencyP99().ifPresent(v -> targets.put("max_latency_p99_ms", v.toMillis()));
        t.maxProbesPerRetryAfter().ifPresent(v -> targets.put("max_probes_per_retry_after", v));
        t.everyRunEndsAs().ifPresent(v -> targets.put("every_run_ends_as", v));
        var d = profile.defaults();
        if (!d.equals(ProfileDefaults.NONE)) {
            var node = root.putObject("defaults");
            d.runs().ifPresent(v -> node.put("runs", v));
            d.concurrency().ifPresent(v -> node.put("concurrency", v));
            d.runsPerSecond().ifPresent(v -> node.put("runs_per_second", v));
            d.warmupRuns().ifPresent(v -> node.put("warmup_runs", v));
            d.runDeadline().ifPresent(v -> node.put("run_deadline_ms", v.toMillis()));
            d.attemptTimeout().ifPresent(v -> node.put("attempt_timeout_ms", v.toMillis()));
            d.breakerOpen().ifPresent(v -> node.put("breaker_open_ms", v.toMillis()));
            if (d.noFallback()) {
                node.put("no_fallback", true);
            }
        }
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
        var defaults = r.defaults(root.get("defaults"));
        if (!r.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid chaos profile: " + String.join("; ", r.problems));
        }
        return new ChaosProfile(name, description, modelFaults, scope, world, outage, targets, defaults);
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
            var target = ChaosProfile.Target.PRIMARY;
            if (o.has("target")) {
                try {
                    target = ChaosProfile.Target.parse(o.get("target").asText());
                } catch (IllegalArgumentException e) {
                    problems.add("outage." + e.getMessage());
                }
            }
            try {
                return Optional.of(new Outage(start, window, faults, target));
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
            var p99 = t.has("max_latency_p99_ms")
                    ? Optional.of(Duration.ofMillis(whole("targets.", t, "max_latency_p99_ms", 1)))
                    : Optional.<Duration>empty();
            var endsAs = t.has("every_run_ends_as") ? Optional.of(t.get("every_run_ends_as").asText())
                    : Optional.<String>empty();
            try {
                return new ChaosTargets(number(t, "min_success_rate"), number(t, "min_finished_rate"),
                        number(t, "max_amplification"), overrun, flag(t, "fallback_answers"),
                        flag(t, "breaker_opens_in_outage"), rejection, flag(t, "extra_calls_within_budget"),
                        number(t, "max_retries_per_first_attempt"), p99, number(t, "max_probes_per_retry_after"),
                        endsAs);
            } catch (IllegalArgumentException e) {
                problems.add("targets: " + e.getMessage());
                return ChaosTargets.NONE;
            }
        }

        ProfileDefaults defaults(JsonNode node) {
            known("defaults.", node, DEFAULTS);
            if (!(node instanceof ObjectNode d)) {
                return ProfileDefaults.NONE;
            }
            int before = problems.size();
            var runs = d.has("runs") ? java.util.OptionalInt.of((int) whole("defaults.", d, "runs", 1))
                    : java.util.OptionalInt.empty();
            var concurrency = d.has("concurrency")
                    ? java.util.OptionalInt.of((int) whole("defaults.", d, "concurrency", 1))
                    : java.util.OptionalInt.empty();
            var warmup = d.has("warmup_runs") ? java.util.OptionalInt.of((int) whole("defaults.", d, "warmup_runs", 0))
                    : java.util.OptionalInt.empty();
            var rate = d.has("runs_per_second") && d.get("runs_per_second").isNumber()
                    ? OptionalDouble.of(d.get("runs_per_second").doubleValue()) : OptionalDouble.empty();
            if (d.has("runs_per_second") && !d.get("runs_per_second").isNumber()) {
                problems.add("defaults.runs_per_second must be a number, but was " + d.get("runs_per_second"));
            }
            var deadline = millis(d, "run_deadline_ms");
            var attempt = millis(d, "attempt_timeout_ms");
            var open = millis(d, "breaker_open_ms");
            var noFallback = d.has("no_fallback") && d.get("no_fallback").asBoolean(false);
            if (problems.size() > before) {
                return ProfileDefaults.NONE;
            }
            try {
                return new ProfileDefaults(runs, concurrency, rate, warmup, deadline, attempt, open, noFallback);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return ProfileDefaults.NONE;
            }
        }

        private Optional<Duration> millis(ObjectNode d, String field) {
            return d.has(field) ? Optional.of(Duration.ofMillis(whole("defaults.", d, field, 1))) : Optional.empty();
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
