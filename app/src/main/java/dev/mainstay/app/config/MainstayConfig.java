package dev.mainstay.app.config;

import dev.mainstay.run.RunLimits;
import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.anthropic.AnthropicModelClient;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.openai.OpenAiConfig;
import dev.mainstay.reliability.InvalidConfigException;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.tools.ReferenceToolsConfig;
import dev.mainstay.config.UserDirectories;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the {@code mainstay} command needs, read from environment variables and validated at once: a bad
 * setting fails start-up with {@link ConfigException} listing every problem, each naming the variable and value
 * (secrets are never echoed).
 *
 * @param apiKey the Claude API key; empty means "run against the built-in simulator"
 * @param openAiFallback an OpenAI-compatible endpoint tried after every Claude model, when configured
 * @param searchConfigured whether the user chose a search backend (otherwise the offline runtime uses the
 *     simulator's stand-in)
 */
public record MainstayConfig(
        Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
        long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
        ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback) {

    public static final String API_KEY = "ANTHROPIC_API_KEY";
    public static final String BASE_URL = "ANTHROPIC_BASE_URL";
    public static final String MODEL = "MAINSTAY_MODEL";
    public static final String MAX_STEPS = "MAINSTAY_MAX_STEPS";
    public static final String MAX_OUTPUT_TOKENS = "MAINSTAY_MAX_OUTPUT_TOKENS";
    public static final String RUN_DEADLINE = "MAINSTAY_RUN_DEADLINE";
    public static final String STREAM = "MAINSTAY_STREAM";
    public static final String STREAM_RESTARTS = "MAINSTAY_STREAM_RESTARTS";
    public static final String SIM_SEED = "MAINSTAY_SIM_SEED";
    public static final String USER = "MAINSTAY_USER";
    public static final String LOG_FORMAT = "MAINSTAY_LOG_FORMAT";
    public static final String LOG_LEVEL = "MAINSTAY_LOG_LEVEL";
    public static final String PRICES = "MAINSTAY_PRICES";

    public static final String DEFAULT_USER = "local";
    public static final long DEFAULT_SIM_SEED = 42L;
    private static final int MAX_OUTPUT_TOKENS_CEILING = 128_000;

    /** How logs are written. */
    public enum LogFormat { TEXT, JSON }

    /** A secret value whose {@code toString()} never shows it. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "****";
        }
    }

    public boolean offline() {
        return apiKey.isEmpty();
    }

    public static MainstayConfig fromEnv(Map<String, String> env) {
        return fromEnv(env, UserDirectories.from(env).home());
    }

    /** Reads and validates every setting. @throws ConfigException listing every problem found */
    public static MainstayConfig fromEnv(Map<String, String> env, Path home) {
        var r = new EnvReader(env);
        var apiKey = r.string(API_KEY).map(Secret::new);
        var baseUrl = AnthropicConfig.DEFAULT_BASE_URL;
        var rawBase = r.string(BASE_URL);
        if (rawBase.isPresent()) {
            try {
                baseUrl = URI.create(rawBase.get());
                if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                        || baseUrl.getHost() == null) {
                    r.problem(BASE_URL + " must be an http(s) URL, but was '" + rawBase.get() + "'");
                }
            } catch (IllegalArgumentException e) {
                r.problem(BASE_URL + " must be an http(s) URL, but was '" + rawBase.get() + "'");
            }
        }
        var model = r.string(MODEL, AnthropicModelClient.DEFAULT_MODEL);
        int maxSteps = r.positiveInt(MAX_STEPS, RunLimits.DEFAULT_MAX_STEPS);
        int maxTokens = r.positiveInt(MAX_OUTPUT_TOKENS, RunLimits.DEFAULT_MAX_OUTPUT_TOKENS);
        if (maxTokens > MAX_OUTPUT_TOKENS_CEILING) {
            r.problem(MAX_OUTPUT_TOKENS + " must be at most " + MAX_OUTPUT_TOKENS_CEILING + ", but was " + maxTokens);
        }
        var deadline = r.positiveDuration(RUN_DEADLINE, RunLimits.DEFAULT_DEADLINE);
        boolean stream = r.bool(STREAM, false);
        int streamRestarts = (int) r.longValue(STREAM_RESTARTS, RunLimits.DEFAULT_MAX_STREAM_RESTARTS);
        if (streamRestarts < 0 || streamRestarts > 10) {
            r.problem(STREAM_RESTARTS + " must be between 0 and 10, but was " + streamRestarts);
            streamRestarts = RunLimits.DEFAULT_MAX_STREAM_RESTARTS;
        }
        long seed = r.longValue(SIM_SEED, DEFAULT_SIM_SEED);
        var user = r.string(USER, DEFAULT_USER);
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            r.problem(USER + " must be 1-64 letters, digits or ._@-, but was '" + user + "'");
        }
        var logFormat = r.oneOf(LOG_FORMAT, LogFormat.class, LogFormat.TEXT);
        r.string(LOG_LEVEL).filter(raw -> LogLevel.parse(raw).isEmpty()).ifPresent(raw -> r.problem(LOG_LEVEL
                + " must be one of trace, debug, info, warn, error, off, but was '" + raw + "'"));
        var prices = PriceTable.anthropicDefaults();
        var rawPrices = r.string(PRICES);
        if (rawPrices.isPresent()) {
            try {
                prices = prices.withOverrides(rawPrices.get());
            } catch (IllegalArgumentException e) {
                r.problem(PRICES + ": " + e.getMessage());
            }
        }

        var problems = new ArrayList<>(r.problems());
        ReferenceToolsConfig tools = null;
        try {
            tools = ReferenceToolsConfig.fromEnvironment(env, home);
        } catch (ReferenceToolsConfig.InvalidConfigurationException e) {
            e.problems().forEach(p -> problems.add(p.message()));
        }
        ReliabilityConfig reliability = null;
        try {
            reliability = ReliabilityConfig.fromEnv(env);
        } catch (InvalidConfigException e) {
            e.problems().forEach(p -> problems.add(p.message()));
        }
        Optional<OpenAiConfig> openAi = Optional.empty();
        try {
            openAi = OpenAiConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        boolean searchConfigured = r.string(ReferenceToolsConfig.SEARCH_BACKEND).isPresent()
                || r.string(ReferenceToolsConfig.BRAVE_API_KEY).isPresent()
                || r.string(ReferenceToolsConfig.TAVILY_API_KEY).isPresent()
                || r.string(ReferenceToolsConfig.SEARXNG_URL).isPresent();
        return new MainstayConfig(apiKey, baseUrl, model, new RunLimits(maxSteps, maxTokens, deadline, streamRestarts), stream, seed,
                user, logFormat, tools, searchConfigured, reliability, prices, openAi);
    }
}
