package dev.mainstay.runtime.config;

import dev.mainstay.run.RunLimits;
import dev.mainstay.anthropic.AnthropicConfig;
import dev.mainstay.anthropic.AnthropicModelClient;
import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.costcontrol.ContextBudget;
import dev.mainstay.costcontrol.ResponseCacheConfig;
import dev.mainstay.costcontrol.BudgetPolicy;
import dev.mainstay.costcontrol.RoutingRules;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.promptcache.PromptCacheMode;
import dev.mainstay.openai.OpenAiConfig;
import dev.mainstay.reliability.ReliabilityConfig;
import dev.mainstay.sim.Latency;
import dev.mainstay.tools.ReferenceToolsConfig;
import dev.mainstay.config.UserDirectories;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the {@code mainstay} command needs, read from environment variables and validated at once: a bad
 * setting fails start-up with {@link InvalidConfigException} listing every problem of every module, each naming the
 * variable and value (secrets are never echoed); a {@code MAINSTAY_*} variable that is no setting at all is one of
 * them.
 *
 * @param apiKey the Claude API key; empty means "run against the built-in simulator"
 * @param openAiFallback an OpenAI-compatible endpoint tried after every Claude model, when configured
 * @param searchConfigured whether the user chose a search backend (otherwise the offline runtime uses the
 *     simulator's stand-in)
 * @param simLatency how long the in-process simulator takes per model call when it answers (no API key):
 *     {@code MAINSTAY_SIM_LATENCY}, e.g. {@code 0ms}, {@code 1s} or a uniform range {@code 200ms..800ms}
 * @param responseCache the response cache ({@code MAINSTAY_RESPONSE_CACHE}, e.g. {@code ttl=10m,max=10000}); empty
 *     when off, the default. Only runs that opt in use it.
 * @param contextBudget context compaction ({@code MAINSTAY_CONTEXT_BUDGET}, e.g. {@code tokens=8000,policy=truncate});
 *     empty when off, the default
 * @param promptCache {@code MAINSTAY_PROMPT_CACHE} ({@code auto} by default) and whether the host is long-lived
 *     (the service sets that): where the Claude client places {@code cache_control} markers
 */
public record MainstayConfig(
        Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
        long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
        ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
        Latency simLatency, SecurityConfig security, RoutingRules routing,
        Optional<ResponseCacheConfig> responseCache, Optional<ContextBudget> contextBudget,
        PromptCacheSetting promptCache, BudgetPolicy budgets) {

    public MainstayConfig {
        Objects.requireNonNull(responseCache, "responseCache");
        Objects.requireNonNull(contextBudget, "contextBudget");
        Objects.requireNonNull(promptCache, "promptCache");
        Objects.requireNonNull(budgets, "budgets");
    }

    /** A configuration with the default budget policy ({@link BudgetPolicy#DEFAULTS}). */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
            Latency simLatency, SecurityConfig security, RoutingRules routing,
            Optional<ResponseCacheConfig> responseCache, Optional<ContextBudget> contextBudget,
            PromptCacheSetting promptCache) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing, responseCache,
                contextBudget, promptCache, BudgetPolicy.DEFAULTS);
    }

    /** A configuration with the default prompt caching and budget policy. */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
            Latency simLatency, SecurityConfig security, RoutingRules routing,
            Optional<ResponseCacheConfig> responseCache, Optional<ContextBudget> contextBudget) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing, responseCache,
                contextBudget, PromptCacheSetting.DEFAULT, BudgetPolicy.DEFAULTS);
    }

    /** A configuration without a response cache or context compaction ({@code off}, their defaults). */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
            Latency simLatency, SecurityConfig security, RoutingRules routing, PromptCacheSetting promptCache) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing, Optional.empty(),
                Optional.empty(), promptCache, BudgetPolicy.DEFAULTS);
    }

    /** A configuration with the budget policy {@code budgets} and the other cost settings at their defaults. */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
            Latency simLatency, SecurityConfig security, RoutingRules routing, BudgetPolicy budgets) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing, Optional.empty(),
                Optional.empty(), PromptCacheSetting.DEFAULT, budgets);
    }

    /** A configuration without a response cache or context compaction, with the default prompt caching. */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
            Latency simLatency, SecurityConfig security, RoutingRules routing) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing, Optional.empty(),
                Optional.empty(), PromptCacheSetting.DEFAULT, BudgetPolicy.DEFAULTS);
    }

    /** A configuration without routing rules: every call goes to {@code model}. */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback, int thinkingBudget,
            Latency simLatency, SecurityConfig security) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, security, RoutingRules.NONE);
    }

    /** A configuration with the default security settings ({@link SecurityConfig#DEFAULTS}). */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback,
            int thinkingBudget) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, Latency.ZERO, SecurityConfig.DEFAULTS);
    }

    /** A configuration with the default security settings and the given simulator latency. */
    public MainstayConfig(
            Optional<Secret> apiKey, URI anthropicBaseUrl, String model, RunLimits limits, boolean stream,
            long simSeed, String userId, LogFormat logFormat, ReferenceToolsConfig tools, boolean searchConfigured,
            ReliabilityConfig reliability, PriceTable prices, Optional<OpenAiConfig> openAiFallback,
            int thinkingBudget, Latency simLatency) {
        this(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools, searchConfigured,
                reliability, prices, openAiFallback, thinkingBudget, simLatency, SecurityConfig.DEFAULTS);
    }

    public MainstayConfig withSecurity(SecurityConfig value) {
        return new MainstayConfig(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools,
                searchConfigured, reliability, prices, openAiFallback, thinkingBudget, simLatency, value, routing,
                responseCache, contextBudget, promptCache, budgets);
    }

    /** This configuration with the response cache {@code value} ({@code MAINSTAY_RESPONSE_CACHE}); empty for off. */
    public MainstayConfig withResponseCache(Optional<ResponseCacheConfig> value) {
        return new MainstayConfig(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools,
                searchConfigured, reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing,
                value, contextBudget, promptCache, budgets);
    }

    /** This configuration with the context budget {@code value} ({@code MAINSTAY_CONTEXT_BUDGET}); empty for off. */
    public MainstayConfig withContextBudget(Optional<ContextBudget> value) {
        return new MainstayConfig(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools,
                searchConfigured, reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing,
                responseCache, value, promptCache, budgets);
    }

    /** This configuration with the reliability settings {@code value} ({@code MAINSTAY_RETRY_*} and the rest). */
    public MainstayConfig withReliability(ReliabilityConfig value) {
        return new MainstayConfig(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools,
                searchConfigured, value, prices, openAiFallback, thinkingBudget, simLatency, security, routing,
                responseCache, contextBudget, promptCache, budgets);
    }

    /** This configuration with the prompt-cache setting {@code value} ({@code MAINSTAY_PROMPT_CACHE}). */
    public MainstayConfig withPromptCache(PromptCacheSetting value) {
        return new MainstayConfig(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools,
                searchConfigured, reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing,
                responseCache, contextBudget, value, budgets);
    }

    /** This configuration with the budget policy {@code value} ({@code MAINSTAY_BUDGET_*}). */
    public MainstayConfig withBudgets(BudgetPolicy value) {
        return new MainstayConfig(apiKey, anthropicBaseUrl, model, limits, stream, simSeed, userId, logFormat, tools,
                searchConfigured, reliability, prices, openAiFallback, thinkingBudget, simLatency, security, routing,
                responseCache, contextBudget, promptCache, value);
    }

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
    public static final String THINKING_BUDGET = "MAINSTAY_THINKING_BUDGET";
    public static final String SIM_LATENCY = "MAINSTAY_SIM_LATENCY";
    /**
     * Settings of the service ({@code mainstay serve}), read by its own configuration ({@code ServerConfig} in the
     * server module, whose tests check that this list is exactly what it reads).
     */
    public static final List<String> SERVICE_VARIABLES = List.of("MAINSTAY_DB_URL", "MAINSTAY_DB_USER",
            "MAINSTAY_DB_PASSWORD", "MAINSTAY_DB_POOL_SIZE", "MAINSTAY_HOST", "MAINSTAY_PORT", "MAINSTAY_ROLE",
            "MAINSTAY_WORKERS", "MAINSTAY_LEASE_DURATION", "MAINSTAY_LEASE_RENEW_INTERVAL", "MAINSTAY_POLL_INTERVAL",
            "MAINSTAY_SHUTDOWN_GRACE", "MAINSTAY_EVENT_RETENTION", "MAINSTAY_IDEMPOTENCY_RETENTION",
            "MAINSTAY_SSE_KEEPALIVE");
    /** The smallest extended-thinking budget the Messages API accepts. */
    public static final int MIN_THINKING_BUDGET = 1024;

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

    /** Every variable Mainstay's command line reads. */
    public static List<String> variables() {
        var all = new ArrayList<String>(List.of(API_KEY, BASE_URL, MODEL, MAX_STEPS, MAX_OUTPUT_TOKENS, RUN_DEADLINE,
                STREAM, STREAM_RESTARTS, SIM_SEED, USER, LOG_FORMAT, LOG_LEVEL, PRICES, THINKING_BUDGET, SIM_LATENCY,
                RoutingRules.SETTING, ResponseCacheConfig.SETTING, ContextBudget.SETTING, PromptCacheMode.SETTING));
        all.addAll(BudgetPolicy.VARIABLES);
        all.addAll(ReferenceToolsConfig.VARIABLES);
        all.addAll(ReliabilityConfig.VARIABLES);
        all.addAll(OpenAiConfig.VARIABLES);
        all.addAll(SecurityConfig.VARIABLES);
        all.addAll(SERVICE_VARIABLES);
        all.addAll(dev.mainstay.telemetry.TelemetryConfig.VARIABLES);
        return List.copyOf(all);
    }

    /** Reads and validates every setting. @throws InvalidConfigException listing every problem found */
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
                    r.problem(BASE_URL, "an http(s) URL", "'" + rawBase.get() + "'");
                }
            } catch (IllegalArgumentException e) {
                r.problem(BASE_URL, "an http(s) URL", "'" + rawBase.get() + "'");
            }
        }
        var model = r.string(MODEL, AnthropicModelClient.DEFAULT_MODEL);
        int maxSteps = r.positiveInt(MAX_STEPS, RunLimits.DEFAULT_MAX_STEPS);
        int maxTokens = r.positiveInt(MAX_OUTPUT_TOKENS, RunLimits.DEFAULT_MAX_OUTPUT_TOKENS);
        if (maxTokens > MAX_OUTPUT_TOKENS_CEILING) {
            r.problem(MAX_OUTPUT_TOKENS, "at most " + MAX_OUTPUT_TOKENS_CEILING, String.valueOf(maxTokens));
        }
        var deadline = r.positiveDuration(RUN_DEADLINE, RunLimits.DEFAULT_DEADLINE);
        boolean stream = r.bool(STREAM, false);
        int streamRestarts = (int) r.longValue(STREAM_RESTARTS, RunLimits.DEFAULT_MAX_STREAM_RESTARTS);
        if (streamRestarts < 0 || streamRestarts > 10) {
            r.problem(STREAM_RESTARTS, "between 0 and 10", String.valueOf(streamRestarts));
            streamRestarts = RunLimits.DEFAULT_MAX_STREAM_RESTARTS;
        }
        long seed = r.longValue(SIM_SEED, DEFAULT_SIM_SEED);
        var user = r.string(USER, DEFAULT_USER);
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            r.problem(USER, "1-64 letters, digits or ._@-", "'" + user + "'");
        }
        var logFormat = r.oneOf(LOG_FORMAT, LogFormat.class, LogFormat.TEXT);
        r.string(LOG_LEVEL).filter(raw -> LogLevel.parse(raw).isEmpty()).ifPresent(raw -> r.problem(LOG_LEVEL,
                "one of trace, debug, info, warn, error, off", "'" + raw + "'"));
        int thinking = (int) r.longValue(THINKING_BUDGET, 0);
        if (thinking != 0 && (thinking < MIN_THINKING_BUDGET || thinking >= maxTokens)) {
            r.problem(THINKING_BUDGET, "0 (off) or at least " + MIN_THINKING_BUDGET + " and less than "
                    + MAX_OUTPUT_TOKENS + " (" + maxTokens + ")", String.valueOf(thinking));
            thinking = 0;
        }
        var simLatency = Latency.ZERO;
        var rawLatency = r.string(SIM_LATENCY);
        if (rawLatency.isPresent()) {
            var parsed = SimLatency.parse(rawLatency.get());
            if (parsed.isPresent()) {
                simLatency = parsed.get();
            } else {
                r.problem(SIM_LATENCY, "a duration like 0ms or 1s, or a range like 200ms..800ms",
                        "'" + rawLatency.get() + "'");
            }
        }
        var prices = PriceTable.anthropicDefaults();
        var rawPrices = r.string(PRICES);
        if (rawPrices.isPresent()) {
            try {
                prices = prices.withOverrides(rawPrices.get());
            } catch (IllegalArgumentException e) {
                r.problem(ConfigProblem.stated(PRICES, PRICES + ": " + e.getMessage()));
            }
        }

        var problems = new ArrayList<>(r.problems());
        ReferenceToolsConfig tools = null;
        try {
            tools = ReferenceToolsConfig.fromEnvironment(env, home);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        ReliabilityConfig reliability = null;
        try {
            reliability = ReliabilityConfig.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        Optional<OpenAiConfig> openAi = Optional.empty();
        try {
            openAi = OpenAiConfig.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            dev.mainstay.telemetry.TelemetryConfig.fromEnv(env); // the host reads it; its problems are listed here
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        var security = SecurityConfig.DEFAULTS;
        try {
            security = SecurityConfig.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        var routing = RoutingRules.NONE;
        try {
            routing = RoutingRules.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        Optional<ResponseCacheConfig> responseCache = Optional.empty();
        try {
            responseCache = ResponseCacheConfig.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        Optional<ContextBudget> contextBudget = Optional.empty();
        try {
            contextBudget = ContextBudget.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        var promptCache = PromptCacheSetting.DEFAULT;
        try {
            promptCache = new PromptCacheSetting(PromptCacheMode.fromEnv(env), false);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        var budgets = BudgetPolicy.DEFAULTS;
        try {
            budgets = BudgetPolicy.fromEnv(env);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(Settings.unknown(env, variables()));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        boolean searchConfigured = r.string(ReferenceToolsConfig.SEARCH_BACKEND).isPresent()
                || r.string(ReferenceToolsConfig.BRAVE_API_KEY).isPresent()
                || r.string(ReferenceToolsConfig.TAVILY_API_KEY).isPresent()
                || r.string(ReferenceToolsConfig.SEARXNG_URL).isPresent();
        return new MainstayConfig(apiKey, baseUrl, model, new RunLimits(maxSteps, maxTokens, deadline, streamRestarts), stream, seed,
                user, logFormat, tools, searchConfigured, reliability, prices, openAi, thinking, simLatency, security, routing,
                responseCache, contextBudget, promptCache, budgets);
    }
}
