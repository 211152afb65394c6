package dev.mainstay.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.journal.Compaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CompactorTest {
    private static final Message TASK = Message.user("And tomorrow?");

    @Test
    void aHistoryWithinTheBudgetIsLeftWhole() {
        var history = conversation(new Random(1), 3);

        assertThat(Compactor.cut(history, TASK, 1_000_000, true, 0)).isEmpty();
    }

    @Test
    void theOldestTurnsGoFirstAndTheFirstUserTurnStaysWhenAsked() {
        var history = List.of(Message.user("first " + "x".repeat(400)), answer("a".repeat(400)),
                Message.user("second " + "y".repeat(400)), answer("b".repeat(400)),
                Message.user("third"), answer("c"));
        long budget = tokens(history) - 150;

        var keep = Compactor.cut(history, TASK, budget, true, 0).orElseThrow();
        var drop = Compactor.cut(history, TASK, budget, false, 0).orElseThrow();

        assertThat(keep.from()).isEqualTo(2);
        assertThat(keep.to()).isEqualTo(4);
        assertThat(drop.from()).isZero();
        assertThat(drop.to()).isEqualTo(2);
        assertThat(keep.tokensAfter()).isLessThanOrEqualTo(budget);
    }

    @Test
    void whenNothingShortOfEverythingFitsEveryDroppableTurnGoesButTheTaskStays() {
        var history = List.of(Message.user("first"), answer("a".repeat(4000)), Message.user("second"), answer("b"));

        var cut = Compactor.cut(history, TASK, 10, true, 0).orElseThrow();

        assertThat(cut.from()).isEqualTo(2);
        assertThat(cut.to()).isEqualTo(4);
    }

    @Test
    void aSingleKeptTurnLeavesNothingToCut() {
        var history = List.of(Message.user("first " + "x".repeat(4000)), answer("a"));

        assertThat(Compactor.cut(history, TASK, 10, true, 0)).isEmpty();
        assertThat(Compactor.cut(history, TASK, 10, false, 0)).isPresent();
    }

    /**
     * Property: over many generated conversations with tool calls and any budget, a truncation never separates a
     * tool_use from its tool_result, the messages still alternate and start with the user, and it keeps the first
     * turn when asked. (jqwik is not in this build's offline repository; a seeded generator stands in for it.)
     */
    @RepeatedTest(300)
    void noCutEverSplitsAToolPairOrBreaksTheTurnOrder(RepetitionInfo repetition) {
        var random = new Random(repetition.getCurrentRepetition());
        var history = conversation(random, 1 + random.nextInt(8));
        long budget = random.nextInt((int) tokens(history) + 50);
        boolean keepFirst = random.nextBoolean();

        var cut = Compactor.cut(history, TASK, budget, keepFirst, 0);
        if (cut.isEmpty()) {
            return;
        }
        var c = cut.get();
        var compacted = new ArrayList<>(Compaction.truncated(c.from(), c.to(), c.tokensBefore(), c.tokensAfter())
                .apply(history));
        compacted.add(TASK);

        assertThat(compacted.getFirst().role()).isEqualTo(Role.USER);
        for (int i = 1; i < compacted.size(); i++) {
            assertThat(compacted.get(i).role()).as("message %d alternates", i)
                    .isNotEqualTo(compacted.get(i - 1).role());
        }
        var used = new HashSet<String>();
        for (int i = 0; i < compacted.size(); i++) {
            for (var block : compacted.get(i).content()) {
                if (block instanceof ToolResultBlock result) {
                    assertThat(i).isPositive();
                    assertThat(compacted.get(i - 1).content()).anySatisfy(b -> assertThat(b)
                            .isInstanceOfSatisfying(ToolUseBlock.class, u -> assertThat(u.id())
                                    .isEqualTo(result.toolUseId())));
                }
                if (block instanceof ToolUseBlock use) {
                    used.add(use.id());
                    assertThat(i + 1).isLessThan(compacted.size());
                    assertThat(compacted.get(i + 1).content()).anySatisfy(b -> assertThat(b)
                            .isInstanceOfSatisfying(ToolResultBlock.class, r -> assertThat(r.toolUseId())
                                    .isEqualTo(use.id())));
                }
            }
        }
        if (keepFirst) {
            assertThat(compacted.getFirst()).isEqualTo(history.getFirst());
            assertThat(c.from()).isPositive();
        }
        assertThat(c.tokensAfter()).isEqualTo(tokens(compacted.subList(0, compacted.size() - 1))
                + TokenEstimator.estimateMessage(TASK));
    }

    /** {@code turns} turns: a user question, then zero to three tool rounds, then an answer. */
    static List<Message> conversation(Random random, int turns) {
        var messages = new ArrayList<Message>();
        int id = 0;
        for (int t = 0; t < turns; t++) {
            messages.add(Message.user("question " + t + " " + "q".repeat(random.nextInt(300))));
            int rounds = random.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                var calls = new ArrayList<ContentBlock>();
                var results = new ArrayList<ContentBlock>();
                int parallel = 1 + random.nextInt(2);
                for (int p = 0; p < parallel; p++) {
                    var toolUseId = "toolu_" + id++;
                    calls.add(new ToolUseBlock(toolUseId, "get_weather", Json.parseObject("{\"place\":\"Lisbon\"}")));
                    results.add(new ToolResultBlock(toolUseId, "r".repeat(random.nextInt(500)), false));
                }
                messages.add(Message.assistant(calls));
                messages.add(new Message(Role.USER, results));
            }
            messages.add(answer("answer " + t + " " + "a".repeat(random.nextInt(300))));
        }
        return messages;
    }

    private static Message answer(String text) {
        return Message.assistant(List.of(new TextBlock(text)));
    }

    private static long tokens(List<Message> messages) {
        return messages.stream().mapToLong(TokenEstimator::estimateMessage).sum();
    }
}
