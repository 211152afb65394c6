package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.sim.WorldFaults;
import dev.mainstay.sim.WorldFaults.RouteFaults;
import dev.mainstay.sim.WorldFaults.WorldRoute;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin API's JSON form of {@link WorldFaults}:
 * {@code {"weather":{"failure_rate":0.3,"hang_rate":0.05},"search":{…}}}. A backend left out has no faults; unknown
 * fields, wrong types and invalid rates are all reported at once.
 */
public final class WorldFaultsJson {
    private static final Set<String> ROUTE_FIELDS = Set.of("failure_rate", "hang_rate");

    private WorldFaultsJson() {}

    public static ObjectNode write(WorldFaults faults) {
        var root = Json.object();
        for (var route : WorldRoute.values()) {
            var routeFaults = faults.of(route);
            root.putObject(route.key())
                    .put("failure_rate", routeFaults.failureRate())
                    .put("hang_rate", routeFaults.hangRate());
        }
        return root;
    }

    /** @throws IllegalArgumentException listing every problem in {@code json} */
    public static WorldFaults read(String json) {
        ObjectNode root;
        try {
            root = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the body must be a JSON object (" + e.getMessage() + ")");
        }
        var problems = new ArrayList<String>();
        var known = new TreeSet<String>();
        for (var route : WorldRoute.values()) {
            known.add(route.key());
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add("unknown field '" + name + "'; known fields: " + known);
            }
        });
        var byRoute = new EnumMap<WorldRoute, RouteFaults>(WorldRoute.class);
        for (var route : WorldRoute.values()) {
            byRoute.put(route, route(route.key(), root.get(route.key()), problems));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new WorldFaults(byRoute.get(WorldRoute.WEATHER), byRoute.get(WorldRoute.SEARCH));
    }

    private static RouteFaults route(String name, JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return RouteFaults.NONE;
        }
        if (!(node instanceof ObjectNode object)) {
            problems.add(name + " must be an object with failure_rate and hang_rate");
            return RouteFaults.NONE;
        }
        object.fieldNames().forEachRemaining(field -> {
            if (!ROUTE_FIELDS.contains(field)) {
                problems.add("unknown field '" + name + "." + field + "'; known fields: "
                        + new TreeSet<>(ROUTE_FIELDS));
            }
        });
        int before = problems.size();
        double failure = rate(name, object, "failure_rate", problems);
        double hang = rate(name, object, "hang_rate", problems);
        if (problems.size() > before) {
            return RouteFaults.NONE;
        }
        try {
            return new RouteFaults(failure, hang);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return RouteFaults.NONE;
        }
    }

    private static double rate(String route, ObjectNode object, String field, List<String> problems) {
        var node = object.get(field);
        if (node == null) {
            return 0;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0.0 && node.doubleValue() <= 1.0)) {
            problems.add(route + "." + field + " must be a number between 0 and 1, but was " + node);
            return 0;
        }
        return node.doubleValue();
    }
}
