package dev.mainstay.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OverheadOptionsTest {
    private static final Path BENCH = Path.of(".");

    @Test
    void rawIsAlwaysRunFirstWhateverOrderTheStacksAreNamedIn() {
        var options = OverheadOptions.parse(new String[] {"--stacks", "spring-ai,mainstay-full"}, BENCH);

        assertThat(options.stacks()).extracting(StackDefinition::name)
                .containsExactly("raw", "mainstay-full", "spring-ai");
        assertThat(options.rounds()).isEqualTo(OverheadOptions.DEFAULT_ROUNDS);
        assertThat(options.planArgs()).isEqualTo(OverheadOptions.FULL_PLAN);
    }

    @Test
    void quickIsOneShortRound() {
        var options = OverheadOptions.parse(new String[] {"--quick", "--stacks", "mainstay-bare"}, BENCH);

        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.planArgs()).isEqualTo(OverheadOptions.QUICK_PLAN);
    }

    @Test
    void everyBadOptionIsReportedAtOnce() {
        assertThatThrownBy(() -> OverheadOptions.parse(new String[] {"--stacks", "crewai", "--server", "openai",
                "--jfr-phase", "warmup", "--colour"}, BENCH))
                .hasMessageContaining("unknown stack 'crewai'; known: raw, mainstay-bare, mainstay-full")
                .hasMessageContaining("--server must be canned or sim, but was 'openai'")
                .hasMessageContaining("--jfr-phase must be c1, c1_stream, concurrent or heap")
                .hasMessageContaining("unknown option(s): --colour");
    }

    @Test
    void aStackThatIsNotBuiltSaysHowToBuildIt() {
        var peer = StackDefinition.named("langchain4j").orElseThrow();

        assertThatThrownBy(() -> peer.classpath(Path.of("no-such-dir")))
                .hasMessageContaining("stack langchain4j is not built")
                .hasMessageContaining("./mvnw -Ppeers -pl bench/peer-langchain4j package");
    }
}
