package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ContentBlocks;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.world.FakeWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final String TASK = "What is 17.5% of 2340, and what's the weather in Lisbon?";

    @Test
    void sameRequestAndSeedGiveEqualRepliesIdsIncluded() {
        var request = ReferenceTools.request(TASK);

        var first = new ScriptedBrain(5).reply(request);
        var second = new ScriptedBrain(5).reply(ReferenceTools.request(TASK));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void toolUseIdsLookLikeTheApisAndAreDistinctWithinAReply() {
        var uses = ContentBlocks.toolUses(new ScriptedBrain(5).reply(ReferenceTools.request(TASK)).content());

        assertThat(uses).extracting(ToolUseBlock::id).allMatch(id -> id.matches("toolu_[0-9A-Za-z]{24}"))
                .doesNotHaveDuplicates();
    }

    @Test
    void idsDependOnTheSeedAndTheConversation() {
        var request = ReferenceTools.request(TASK);
        var idWithSeed5 = ContentBlocks.toolUses(new ScriptedBrain(5).reply(request).content()).getFirst().id();
        var idWithSeed6 = ContentBlocks.toolUses(new ScriptedBrain(6).reply(request).content()).getFirst().id();
        var otherTask = ContentBlocks.toolUses(new ScriptedBrain(5).reply(ReferenceTools.request("what is 17.5% of 2340"))
                .content()).getFirst().id();

        assertThat(idWithSeed5).isNotEqualTo(idWithSeed6).isNotEqualTo(otherTask);
    }

    @Test
    void idsStayUniqueAcrossAWholeConversation() {
        var bench = new ToolBench(new FakeWorld(1, InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"))));
        Dialogue.run(new ScriptedBrain(1), bench,
                "Search for the tallest building in Europe and save a note with the answer, and what is 2+2?");

        assertThat(bench.calls()).hasSize(3).extracting(ToolUseBlock::id).doesNotHaveDuplicates();
    }

    @Test
    void streamingOrNotTheSameRequestGetsTheSameIds() {
        var request = ReferenceTools.request(TASK);

        assertThat(new ScriptedBrain(5).reply(request.withStream(true))).isEqualTo(new ScriptedBrain(5).reply(request));
    }

    @Test
    void smallTalkIsAPlainAnswerThatOnlyTheSeedVaries() {
        var request = ReferenceTools.request("hello");
        var answers = new HashSet<String>();
        LongStream.range(0, 12).forEach(seed -> {
            var reply = new ScriptedBrain(seed).reply(request);
            assertThat(reply.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(ContentBlocks.toolUses(reply.content())).isEmpty();
            assertThat(new ScriptedBrain(seed).reply(request)).isEqualTo(reply);
            answers.add(ContentBlocks.text(reply.content()));
        });

        assertThat(answers).hasSizeGreaterThan(1).allMatch(answer -> answer.contains("How can I help you today?"));
    }
}
