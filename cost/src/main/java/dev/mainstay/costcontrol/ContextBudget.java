package dev.mainstay.costcontrol;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.journal.Compaction;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Context compaction's settings, read from {@value #SETTING}: {@code off} (the default), a number of tokens
 * ({@code 8000}), or comma-separated fields {@code tokens=N} (required), {@code policy=truncate|summarise}
 * ({@link #DEFAULT_POLICY}), {@code keep_first=true|false} (keep the conversation's first user turn and its answers;
 * {@link #DEFAULT_KEEP_FIRST}), {@code model=NAME} (the model that summarises; {@link #DEFAULT_SUMMARY_MODEL}) and
 * {@code summary_tokens=N} (the longest summary; {@link #DEFAULT_SUMMARY_TOKENS}), e.g.
 * {@code tokens=8000,policy=summarise,model=claude-haiku-4-5}. Immutable.
 *
 * @param tokens the budget: when a run's history and task would pass it (estimated, {@link
 *     dev.mainstay.model.TokenEstimator}), the oldest turns are compacted before its first model call
 */
public record ContextBudget(long tokens, Compaction.Policy policy, boolean keepFirstTurn, String summaryModel,
        int summaryTokens) {
    /** The environment variable the settings are read from. */
    public static final String SETTING = "MAINSTAY_CONTEXT_BUDGET";
    public static final Compaction.Policy DEFAULT_POLICY = Compaction.Policy.TRUNCATE;
    public static final boolean DEFAULT_KEEP_FIRST = true;
    public static final String DEFAULT_SUMMARY_MODEL = "claude-haiku-4-5";
    public static final int DEFAULT_SUMMARY_TOKENS = 512;
    /** The smallest budget accepted: below it not even a short task and its answer fit. */
    public static final long MIN_TOKENS = 256;

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]*");

    public ContextBudget {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(summaryModel, "summaryModel");
        if (tokens < MIN_TOKENS) {
            throw new IllegalArgumentException("tokens must be at least " + MIN_TOKENS + ", but was " + tokens);
        }
        if (summaryTokens <= 0 || summaryTokens >= tokens) {
            throw new IllegalArgumentException("summaryTokens must be positive and below the budget (" + tokens
                    + "), but was " + summaryTokens);
        }
    }

    /** A budget of {@code tokens} with every other field at its default. */
    public static ContextBudget of(long tokens) {
        return new ContextBudget(tokens, DEFAULT_POLICY, DEFAULT_KEEP_FIRST, DEFAULT_SUMMARY_MODEL,
                DEFAULT_SUMMARY_TOKENS);
    }

    public ContextBudget withPolicy(Compaction.Policy newPolicy) {
        return new ContextBudget(tokens, newPolicy, keepFirstTurn, summaryModel, summaryTokens);
    }

    public ContextBudget withKeepFirstTurn(boolean keep) {
        return new ContextBudget(tokens, policy, keep, summaryModel, summaryTokens);
    }

    /** The settings from the environment; empty (no compaction) when {@value #SETTING} is unset, blank or off. */
    public static Optional<ContextBudget> fromEnv(Map<String, String> env) {
        var text = env.get(SETTING);
        return text == null ? Optional.empty() : parse(text);
    }

    /**
     * The settings {@code text} writes; empty for {@code off} or a blank text.
     *
     * @throws InvalidConfigException listing every bad field, each naming the setting and the value
     */
    public static Optional<ContextBudget> parse(String text) {
        var trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("off")) {
            return Optional.empty();
        }
        var problems = new ArrayList<ConfigProblem>();
        long tokens = -1;
        var policy = DEFAULT_POLICY;
        boolean keepFirst = DEFAULT_KEEP_FIRST;
        var model = DEFAULT_SUMMARY_MODEL;
        int summaryTokens = DEFAULT_SUMMARY_TOKENS;
        var fields = trimmed.matches("\\d+") ? new String[] {"tokens=" + trimmed} : trimmed.split(",", -1);
        for (var raw : fields) {
            var field = raw.trim();
            int eq = field.indexOf('=');
            var name = eq < 0 ? field : field.substring(0, eq).trim();
            var value = eq < 0 ? "" : field.substring(eq + 1).trim();
            switch (name) {
                case "tokens" -> {
                    tokens = number(value);
                    if (tokens < MIN_TOKENS) {
                        problems.add(problem("tokens must be a whole number of at least " + MIN_TOKENS
                                + ", but was '" + value + "'"));
                    }
                }
                case "policy" -> {
                    if (value.equals("truncate") || value.equals("summarise") || value.equals("summarize")) {
                        policy = value.equals("truncate") ? Compaction.Policy.TRUNCATE : Compaction.Policy.SUMMARISE;
                    } else {
                        problems.add(problem("policy must be truncate or summarise, but was '" + value + "'"));
                    }
                }
                case "keep_first" -> {
                    if (value.equals("true") || value.equals("false")) {
                        keepFirst = Boolean.parseBoolean(value);
                    } else {
                        problems.add(problem("keep_first must be true or false, but was '" + value + "'"));
                    }
                }
                case "model" -> {
                    if (MODEL.matcher(value).matches()) {
                        model = value;
                    } else {
                        problems.add(problem("model must be a model id, but was '" + value + "'"));
                    }
                }
                case "summary_tokens" -> {
                    summaryTokens = (int) Math.min(Integer.MAX_VALUE, number(value));
                    if (summaryTokens <= 0) {
                        problems.add(problem("summary_tokens must be a positive whole number, but was '" + value
                                + "'"));
                    }
                }
                default -> problems.add(problem("has an unknown field '" + field + "': use off, a number of tokens, "
                        + "or tokens=N,policy=truncate|summarise,keep_first=true|false,model=NAME,summary_tokens=N"));
            }
        }
        if (tokens < 0 && problems.isEmpty()) {
            problems.add(problem("needs tokens=N (the budget), e.g. tokens=8000"));
        }
        if (problems.isEmpty() && summaryTokens >= tokens) {
            problems.add(problem("summary_tokens (" + summaryTokens + ") must be below tokens (" + tokens + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return Optional.of(new ContextBudget(tokens, policy, keepFirst, model, summaryTokens));
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ConfigProblem problem(String why) {
        return ConfigProblem.stated(SETTING, SETTING + " " + why);
    }
}
