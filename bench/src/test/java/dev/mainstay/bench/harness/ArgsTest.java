package dev.mainstay.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void readsValuesFlagsAndListsInBothSpellings() {
        var args = Args.parse(new String[] {"--runs", "20", "--quick", "--stacks=raw,spring-ai", "--name", "x"});

        assertThat(args.integer("runs", 1)).isEqualTo(20);
        assertThat(args.flag("quick")).isTrue();
        assertThat(args.list("stacks", List.of())).containsExactly("raw", "spring-ai");
        assertThat(args.string("name", "y")).isEqualTo("x");
        assertThat(args.integer("missing", 7)).isEqualTo(7);
        args.rejectUnknown();
    }

    @Test
    void anOptionNobodyReadIsAnErrorNamingIt() {
        var args = Args.parse(new String[] {"--rounds", "2", "--ruons", "3"});
        args.integer("rounds", 1);

        assertThatThrownBy(args::rejectUnknown).hasMessage("unknown option(s): --ruons");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--runs", "many"}).integer("runs", 1))
                .hasMessage("--runs must be a whole number, but was 'many'");
        assertThatThrownBy(() -> Args.parse(new String[] {"--rounds", "0"}).integerAtLeast("rounds", 1, 1))
                .hasMessage("--rounds must be at least 1, but was 0");
        assertThatThrownBy(() -> Args.parse(new String[] {"runs"})).hasMessageContaining("expected an option");
        assertThatThrownBy(() -> Args.parse(new String[] {"--a", "1", "--a", "2"})).hasMessage("--a is given twice");
        assertThatThrownBy(() -> Args.parse(new String[0]).required("base-url")).hasMessage("--base-url is required");
    }
}
