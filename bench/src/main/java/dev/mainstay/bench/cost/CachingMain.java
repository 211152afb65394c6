package dev.mainstay.bench.cost;

import dev.mainstay.agent.RunResult;
import dev.mainstay.bench.harness.Args;
import dev.mainstay.model.Message;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunRequest;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Prompt caching: the same scripted 10-turn conversation with the reference agent, run through
 * {@link MainstayRuntime} (the real model chain and the official SDK client) against the simulator, whose prompt
 * cache follows the Messages API's rules (prefix match with look-back, minimum cacheable length, TTL, the 5m / 1h
 * split), once per caching setting: {@code MAINSTAY_PROMPT_CACHE=off}, {@code auto} as a command-line host, and
 * {@code auto} as the service (a long-lived host: tools and system for an hour). Each turn is one run continuing the
 * conversation (its history: the earlier turns' questions and answers), with one or more model calls.
 *
 * <p>Reports, per turn and setting, the cost and the cache-hit ratio, and the totals; exit status 1 when automatic
 * caching saves less than {@code --target} percent (default 50) against {@code off}. {@code --out DIR} where the
 * report goes (default {@code bench/target/cost}).
 */
public final class CachingMain {
    /** Ten turns of one user's conversation: tools, follow-ups and plain questions. */
    static final List<String> SCRIPT = List.of(
            "What's the weather in Lisbon right now?",
            "And what about tomorrow there?",
            "What is 1234 * 5678?",
            "Save a note titled Trip saying pack an umbrella for Lisbon",
            "What's the weather in Porto tomorrow, and what is 15% of 80?",
            "List my notes",
            "Search the web for the tallest building in Porto",
            "Read my note titled Trip",
            "What is (17 + 25) / 6?",
            "Thanks! Summarise what we found today.");

    /** One caching setting to run the script with. */
    record Setting(String name, String mode, UnaryOperator<MainstayConfig> host) {}

    static final List<Setting> SETTINGS = List.of(
            new Setting("off", "off", c -> c),
            new Setting("auto (CLI host)", "auto", c -> c),
            new Setting("auto (service host)", "auto", c -> c.withPromptCache(c.promptCache().inLongLivedHost())));

    /** What one turn cost under one setting. */
    record Turn(int calls, Usage usage, BigDecimal usd) {}

    private CachingMain() {}

    public static void main(String[] argv) throws IOException {
        var args = Args.parse(argv);
        int target = args.integerAtLeast("target", 50, 0);
        var out = Path.of(args.string("out", System.getProperty("mainstay.bench.dir", "bench") + "/target/cost"));
        args.rejectUnknown();

        var results = new LinkedHashMap<String, List<Turn>>();
        String model = "";
        for (var setting : SETTINGS) {
            // a fresh simulator per setting: no setting profits from another's cache entries
            try (var sim = Simulator.start(SimulatorConfig.defaults().withSeed(14))) {
                var home = Files.createTempDirectory("mainstay-caching");
                var config = setting.host().apply(MainstayConfig.fromEnv(env(sim, home, setting.mode()), home));
                model = config.model();
                try (var runtime = MainstayRuntime.start(config, RuntimeOptions.defaults())) {
                    results.put(setting.name(), conversation(runtime, config));
                }
            }
        }
        var report = report(results, model, target);
        System.out.print(report.text());
        Files.createDirectories(out);
        Files.writeString(out.resolve("caching.md"), report.text());
        System.exit(report.met() ? 0 : 1);
    }

    private static LinkedHashMap<String, String> env(Simulator sim, Path home, String mode) {
        var world = sim.baseUrl() + "/world";
        var env = new LinkedHashMap<String, String>();
        env.put("ANTHROPIC_API_KEY", "bench-key-for-the-simulator");
        env.put("ANTHROPIC_BASE_URL", sim.baseUrl().toString());
        env.put("MAINSTAY_PROMPT_CACHE", mode);
        env.put("MAINSTAY_NOTES_DB", home.resolve("notes.db").toString());
        env.put("MAINSTAY_WEATHER_GEOCODING_URL", world + "/geocoding");
        env.put("MAINSTAY_WEATHER_FORECAST_URL", world + "/forecast");
        env.put("MAINSTAY_SEARCH_BACKEND", "searxng");
        env.put("SEARXNG_URL", world + "/searxng");
        return env;
    }

    /** Runs the script as one conversation: each turn a run whose history is the earlier turns. */
    private static List<Turn> conversation(MainstayRuntime runtime, MainstayConfig config) {
        var history = new ArrayList<Message>();
        var turns = new ArrayList<Turn>();
        for (int i = 0; i < SCRIPT.size(); i++) {
            var task = SCRIPT.get(i);
            var request = new RunRequest("run_caching_" + (i + 1), RunRequest.DEFAULT_TENANT, config.userId(), task,
                    "conv_caching", history);
            RunResult result = runtime.loop().run(runtime.agent(), request);
            if (result.cost().usd().isEmpty()) {
                throw new IllegalStateException("turn " + (i + 1) + " has no price: " + result.cost());
            }
            int calls = (int) result.steps().stream().filter(e -> e instanceof dev.mainstay.journal.ModelStep).count();
            turns.add(new Turn(calls, result.usage(), result.cost().usd().get()));
            history.add(Message.user(task));
            history.add(Message.assistant(List.of(new dev.mainstay.model.TextBlock(
                    result.answer().isEmpty() ? "(no answer)" : result.answer()))));
        }
        return turns;
    }

    record Report(String text, boolean met) {}

    static Report report(LinkedHashMap<String, List<Turn>> results, String model, int target) {
        var names = new ArrayList<>(results.keySet());
        var off = results.get("off");
        var sb = new StringBuilder();
        sb.append("## Prompt caching: one 10-turn conversation, caching off vs automatic\n\n");
        sb.append("Model `").append(model).append("`; cost in USD from the journal (price table as configured); ")
                .append("hit ratio = cache_read / (input + cache_write + cache_read) of the turn's model calls.\n\n");
        sb.append("| turn | calls |");
        for (var name : names) {
            sb.append(" ").append(name).append(" USD | hit |");
        }
        sb.append("\n|---:|---:|");
        sb.append("---:|---:|".repeat(names.size()));
        sb.append("\n");
        for (int i = 0; i < off.size(); i++) {
            sb.append("| ").append(i + 1).append(" | ").append(off.get(i).calls()).append(" |");
            for (var name : names) {
                var turn = results.get(name).get(i);
                sb.append(String.format(" %s | %.1f %% |", usd(turn.usd()), 100 * turn.usage().cacheHitRatio()));
            }
            sb.append("\n");
        }
        sb.append("| **total** | ").append(off.stream().mapToInt(Turn::calls).sum()).append(" |");
        var offTotal = total(off);
        boolean met = true;
        var savings = new StringBuilder();
        for (var name : names) {
            var turns = results.get(name);
            var usage = turns.stream().map(Turn::usage).reduce(Usage.ZERO, Usage::plus);
            var total = total(turns);
            sb.append(String.format(" **%s** | **%.1f %%** |", usd(total), 100 * usage.cacheHitRatio()));
            if (!name.equals("off")) {
                var saved = BigDecimal.ONE.subtract(total.divide(offTotal, 6, RoundingMode.HALF_UP))
                        .multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
                met &= saved.compareTo(BigDecimal.valueOf(target)) >= 0;
                savings.append(String.format("- %s: %s %% cheaper than off (target ≥ %d %%); tokens: input %,d, "
                                + "cache write 5m %,d, cache write 1h %,d, cache read %,d, output %,d%n",
                        name, saved.toPlainString(), target, usage.inputTokens(), usage.cacheWrite5mTokens(),
                        usage.cacheWrite1hTokens(), usage.cacheReadInputTokens(), usage.outputTokens()));
            } else {
                savings.append(String.format("- off: tokens: input %,d, output %,d%n", usage.inputTokens(),
                        usage.outputTokens()));
            }
        }
        sb.append("\n\n").append(savings).append("\nTarget ").append(met ? "met" : "NOT met").append(".\n");
        return new Report(sb.toString(), met);
    }

    private static BigDecimal total(List<Turn> turns) {
        return turns.stream().map(Turn::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String usd(BigDecimal usd) {
        return "$" + usd.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
