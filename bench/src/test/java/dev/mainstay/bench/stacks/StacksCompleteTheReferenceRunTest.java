package dev.mainstay.bench.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.bench.harness.CannedServer;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.harness.Stack;
import dev.mainstay.bench.harness.StackFactory;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each stack of the bench module does the reference run for real: two model calls, both tools run. */
class StacksCompleteTheReferenceRunTest {
    private static CannedServer canned;
    private static Simulator simulator;

    @BeforeAll
    static void start() throws Exception {
        canned = CannedServer.start("127.0.0.1", 0, Duration.ZERO);
        simulator = Simulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        canned.close();
        simulator.close();
    }

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("raw", (StackFactory) RawStack::new),
                Arguments.of("mainstay-bare", (StackFactory) url -> new MainstayStack(url, MainstayStack.Variant.BARE)),
                Arguments.of("mainstay-full", (StackFactory) url -> new MainstayStack(url, MainstayStack.Variant.FULL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void completesTheReferenceRunAgainstTheCannedServerInTwoModelCalls(String name, StackFactory factory)
            throws Exception {
        try (Stack stack = factory.open(canned.baseUrl())) {
            for (boolean stream : new boolean[] {false, true}) {
                long before = canned.answered();

                var answer = stack.runOnce(stream);

                assertThat(answer).as("stream=" + stream).contains(ReferenceRun.EXPECTED_IN_ANSWER);
                assertThat(canned.answered() - before).as("model calls, stream=" + stream).isEqualTo(2);
            }
        }
        assertThat(canned.rejected()).as("requests the server refused").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void completesTheReferenceRunAgainstTheSimulator(String name, StackFactory factory) throws Exception {
        try (Stack stack = factory.open(simulator.baseUrl())) {
            long before = simulator.stats().requests();

            var answer = stack.runOnce(false);

            assertThat(answer).contains(ReferenceRun.EXPECTED_IN_ANSWER);
            assertThat(simulator.stats().requests() - before).isEqualTo(2);
        }
    }
}
