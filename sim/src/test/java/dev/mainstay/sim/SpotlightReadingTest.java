package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.policy.Spotlight;
import dev.mainstay.sim.brain.Reply;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpotlightReadingTest {
    @Test
    void theBrainReadsSpotlightedOutputAsThePlainText() {
        var seen = new AtomicReference<ModelRequest>();
        var brain = new SpotlightReading(request -> {
            seen.set(request);
            return new Reply(List.of(), dev.mainstay.model.StopReason.END_TURN);
        });
        var page = "{\"snippet\":\"The Lakhta Center is 462 m tall.\"}";
        var request = new ModelRequest("m", "s", List.of(Message.user("search"),
                Message.assistant(List.of(new ToolUseBlock("t", "web_search", Json.object()))),
                new Message(Role.USER, List.of(new ToolResultBlock("t", Spotlight.wrap(page, "B0UND", "web_search"),
                        false)))), List.of(), 100, false, false);

        brain.reply(request);

        assertThat(((ToolResultBlock) seen.get().messages().getLast().content().getFirst()).content()).isEqualTo(page);
    }

    @Test
    void aRequestWithoutSpotlightingIsPassedOnAsItIs() {
        var seen = new AtomicReference<ModelRequest>();
        var brain = new SpotlightReading(request -> {
            seen.set(request);
            return new Reply(List.of(), dev.mainstay.model.StopReason.END_TURN);
        });
        var request = new ModelRequest("m", "s", List.of(Message.user("hi")), List.of(), 100, false, false);

        brain.reply(request);

        assertThat(seen.get()).isSameAs(request);
    }
}
