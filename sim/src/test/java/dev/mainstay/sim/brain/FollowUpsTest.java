package dev.mainstay.sim.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpsTest {
    @Test
    void aFollowUpAsksTheEarlierQuestionAboutTheNewPlace() {
        assertThat(FollowUps.resolve("And what about Porto?", List.of("What's the weather in Lisbon?")))
                .isEqualTo("What's the weather in Porto?");
        assertThat(FollowUps.resolve("how about in Madrid", List.of("Is it raining in Lisbon today?",
                "What is 2 plus 2?"))).isEqualTo("Is it raining in Madrid today?");
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        assertThat(FollowUps.resolve("What's the weather in Porto?", List.of("What's the weather in Lisbon?")))
                .isEqualTo("What's the weather in Porto?");
        assertThat(FollowUps.resolve("And what about Porto?", List.of())).isEqualTo("And what about Porto?");
        assertThat(FollowUps.resolve("What about Porto?", List.of("What is 2 plus 2?"))).isEqualTo("What about Porto?");
    }
}
