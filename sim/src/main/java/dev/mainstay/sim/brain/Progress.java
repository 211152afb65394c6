package dev.mainstay.sim.brain;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which planned steps the conversation has already carried out. Steps are matched to answered tool calls by tool
 * name, in the order the plan would have made them, so the plan can be derived again from the task on every request.
 * A later successful call of the same tool supersedes a failed one (a retry).
 */
final class Progress {
    private final Map<Integer, Exchange> done;

    private Progress(Map<Integer, Exchange> done) {
        this.done = done;
    }

    static Progress of(Plan plan, List<Exchange> exchanges) {
        var done = new HashMap<Integer, Exchange>();
        var used = new boolean[exchanges.size()];
        var inCallOrder = plan.steps().stream()
                .sorted(Comparator.comparingInt(Plan.Step::round).thenComparingInt(Plan.Step::index))
                .toList();
        for (var step : inCallOrder) {
            for (int i = 0; i < exchanges.size(); i++) {
                if (!used[i] && exchanges.get(i).tool().equals(step.tool())) {
                    used[i] = true;
                    done.put(step.index(), exchanges.get(i));
                    break;
                }
            }
        }
        // A later call of the same tool retries a failed one and supersedes it.
        for (var step : inCallOrder) {
            var current = done.get(step.index());
            if (current == null || !current.failed()) {
                continue;
            }
            for (int i = exchanges.indexOf(current) + 1; i < exchanges.size(); i++) {
                if (!used[i] && exchanges.get(i).tool().equals(step.tool()) && !exchanges.get(i).failed()) {
                    used[i] = true;
                    done.put(step.index(), exchanges.get(i));
                    break;
                }
            }
        }
        return new Progress(done);
    }

    Optional<Exchange> result(Plan.Step step) {
        return Optional.ofNullable(done.get(step.index()));
    }

    boolean isDone(Plan.Step step) {
        return done.containsKey(step.index());
    }
}
