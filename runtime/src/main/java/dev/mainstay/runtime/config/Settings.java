package dev.mainstay.runtime.config;

import dev.mainstay.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every environment variable Mainstay reads, so that a misspelt one ({@code MAINSTAY_MAX_STEP}) is reported with the
 * other problems instead of being ignored. Only names with Mainstay's prefix are checked: the environment holds many
 * variables that are none of Mainstay's business.
 */
public final class Settings {
    /** The prefix of Mainstay's own variables. */
    public static final String PREFIX = "MAINSTAY_";

    private Settings() {}

    /** A problem for each {@code MAINSTAY_*} variable in {@code env} that is not in {@code known}. */
    public static List<ConfigProblem> unknown(Map<String, String> env, Collection<String> known) {
        var names = new TreeSet<>(known);
        var problems = new ArrayList<ConfigProblem>();
        for (var name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(PREFIX) && !names.contains(name)) {
                var hint = closest(name, names).map(c -> " (did you mean " + c + "?)").orElse("");
                problems.add(ConfigProblem.stated(name, name + " is not a Mainstay setting" + hint));
            }
        }
        return problems;
    }

    private static java.util.Optional<String> closest(String name, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (var candidate : known) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 5) ? java.util.Optional.ofNullable(best)
                : java.util.Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        var prev = new int[b.length() + 1];
        var cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            var swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
