package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.dojo.Configuration;
import dev.mainstay.dojo.Dojo;
import dev.mainstay.dojo.ModelMode;
import dev.mainstay.dojo.Reviewer;
import dev.mainstay.dojo.Suites;
import dev.mainstay.sim.attack.AttackTemplate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the AgentDojo-style prompt-injection benchmark offline and prints its figures. Exit code 0 when it ran; the
 * figures say how the defences did.
 */
@Command(name = "dojo", mixinStandardHelpOptions = true,
        description = "Run the prompt-injection benchmark (AgentDojo-style, offline): user tasks x injection tasks x"
                + " attack templates, with the simulator's obedient and normal models, undefended and under each layer"
                + " of the defence.")
public final class DojoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Option(names = "--mode", split = ",", description = "Model modes: obedient, normal (default: both).")
    List<String> modes;

    @Option(names = "--configuration", split = ",",
            description = "Configurations: undefended, policy, spotlighting, defended (default: all).")
    List<String> configurations;

    @Option(names = "--threads", description = "Runs at once (default: the number of processors).")
    Integer threads;

    @Option(names = "--seed", description = "The simulator's seed (default: 42).")
    long seed = 42;

    @Option(names = "--reviewer", description = "Who answers approval requests: careful (default: approves what the"
            + " user asked for), approve-all, deny-all.")
    String reviewer = "careful";

    @Option(names = "--suite", description = "benchmark (default) or testing (the unit tests' smaller suite).")
    String suite = "benchmark";

    private final Cli cli;

    public DojoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var chosenModes = modes == null ? List.of(ModelMode.values())
                : modes.stream().map(m -> parse(ModelMode.class, m, "--mode")).toList();
        var chosenConfigurations = configurations == null ? List.of(Configuration.values())
                : configurations.stream().map(c -> parse(Configuration.class, c, "--configuration")).toList();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("--threads must be between 1 and 256, but was " + n);
        }
        var tasks = switch (suite) {
            case "benchmark" -> Suites.benchmark();
            case "testing" -> Suites.testing();
            default -> throw new IllegalArgumentException("--suite must be benchmark or testing, but was '" + suite + "'");
        };
        var who = parse(Reviewer.class, reviewer.replace('-', '_'), "--reviewer");
        var report = new Dojo(seed, n, who).measure(tasks, chosenModes, chosenConfigurations,
                List.of(AttackTemplate.values()));
        if (json) {
            cli.printJson(report.json());
        } else {
            cli.out().print(report.text());
        }
        return Main.EXIT_OK;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        for (var constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList() + ", but was '" + value + "'");
    }
}
