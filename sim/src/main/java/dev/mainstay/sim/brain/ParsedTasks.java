package dev.mainstay.sim.brain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks a brain has read, remembered: {@link IntentParser#parse} is a pure function of the text, but reading a
 * task in English is most of the simulator's CPU, and every turn of a run reads the same task again (and a load test
 * sends the same few tasks thousands of times). Bounded: when full, it starts over. Thread-safe; owned by one brain.
 */
final class ParsedTasks {
    static final int MAX_TASKS = 1_024;

    private final ConcurrentHashMap<String, IntentParser.Parsed> parsed = new ConcurrentHashMap<>();

    IntentParser.Parsed parse(String task) {
        var known = parsed.get(task);
        if (known != null) {
            return known;
        }
        var fresh = IntentParser.parse(task);
        if (parsed.size() >= MAX_TASKS) {
            parsed.clear();
        }
        parsed.put(task, fresh);
        return fresh;
    }
}
