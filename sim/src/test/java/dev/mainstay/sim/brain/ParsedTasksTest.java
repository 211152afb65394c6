package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParsedTasksTest {
    static final String TASK = "What is 17.5% of 2,340, rounded to cents? Then save a note with the answer";

    @Test
    void aRememberedTaskReadsAsTheParserReadsIt() {
        var tasks = new ParsedTasks();

        var first = tasks.parse(TASK);

        assertThat(first).isEqualTo(IntentParser.parse(TASK));
        assertThat(tasks.parse(TASK)).isSameAs(first);
    }

    @Test
    void whenFullItStartsOverAndStillReadsEveryTask() {
        var tasks = new ParsedTasks();
        for (int i = 0; i < ParsedTasks.MAX_TASKS + 10; i++) {
            tasks.parse("what is " + i + " plus 1");
        }

        assertThat(tasks.parse("what is 3 plus 1")).isEqualTo(IntentParser.parse("what is 3 plus 1"));
        assertThat(tasks.parse(TASK)).isEqualTo(IntentParser.parse(TASK));
    }
}
