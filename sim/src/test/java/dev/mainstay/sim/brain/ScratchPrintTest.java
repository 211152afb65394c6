package dev.mainstay.sim.brain;

import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ScratchPrintTest {
    @Test
    void print() {
        var tasks = new String[] {
            "What is 17.5% of 2,340, rounded to cents?",
            "What's the weather in Lisbon and should I take an umbrella?",
            "Search for the tallest building in Europe and save a note with the answer.",
            "What is 17.5% of 2340, and what's the weather in Lisbon?",
            "forecast for New York tomorrow",
            "Will it rain in Oslo over the next 3 days?",
            "hello", "thanks!", "What is the meaning of life?",
            "remember that my locker code is 4512",
            "list my notes", "read my note about the locker code",
            "Is it raining in Oslo and Bergen?",
            "What's 2+2, search for the Eiffel Tower and list my notes",
        };
        for (var task : tasks) {
            var bench = new ToolBench(new FakeWorld(7, InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"))))
                    .withNote("Locker code is 4512", "My locker code is 4512");
            var t = Dialogue.run(new ScriptedBrain(7), bench, task);
            System.out.println("=== " + task);
            for (var r : t.replies()) {
                System.out.println("  [" + r.stopReason() + "] " + r.content());
            }
        }
    }
}
