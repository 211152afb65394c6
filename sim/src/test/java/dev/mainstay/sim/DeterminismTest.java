package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final FaultProfile MIXED = FaultProfile.builder()
            .rate429(0.15)
            .rate529(0.15)
            .rate500(0.1)
            .midStreamOverloadRate(0.15)
            .malformedJsonRate(0.1)
            .build();

    private static List<String> run(long seed) {
        var config = SimulatorConfig.defaults().withSeed(seed).withBrain(TestBrains.toolCaller()).withFaults(MIXED);
        try (var simulator = Simulator.start(config)) {
            var http = new SimHttp(simulator);
            var bodies = new ArrayList<String>();
            for (int i = 0; i < 12; i++) {
                var request = i % 3 == 0 ? Requests.simple(false) : Json.write(Requests.withWeatherTool(i % 2 == 0));
                var response = http.postMessages(request);
                bodies.add(response.statusCode() + " " + response.headers().firstValue("request-id").orElseThrow()
                        + "\n" + response.body());
            }
            return bodies;
        }
    }

    @Test
    void theSameSeedAndRequestsGiveByteIdenticalResponses() {
        var first = run(2026);
        var second = run(2026);

        assertThat(second).isEqualTo(first);
        assertThat(first).as("the mix exercises several outcomes")
                .anySatisfy(body -> assertThat(body).startsWith("200"))
                .anySatisfy(body -> assertThat(body).startsWith("529"));
    }

    @Test
    void anotherSeedGivesOtherIds() {
        var first = run(1);
        var other = run(2);

        assertThat(other).isNotEqualTo(first);
    }
}
