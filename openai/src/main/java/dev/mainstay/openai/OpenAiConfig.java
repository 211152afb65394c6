package dev.mainstay.openai;

import dev.mainstay.time.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link OpenAiCompatibleModelClient} reaches an OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM,
 * Ollama's {@code /v1}, LiteLLM, OpenRouter…). Immutable and validated on construction: a bad value fails with an
 * {@link IllegalArgumentException} that lists every problem at once, naming the setting and the value.
 *
 * <p>{@code null} means "use the default" for {@code apiKey} (none), {@code baseUrl} ({@link #DEFAULT_BASE_URL}),
 * {@code connectTimeout} ({@link #DEFAULT_CONNECT_TIMEOUT}) and {@code defaultTimeout} ({@link #DEFAULT_TIMEOUT});
 * {@code model} is required. {@link #toString()} never shows the API key.
 *
 * @param apiKey the key sent as {@code Authorization: Bearer}; blank (local servers) sends no such header. Required
 *     for {@code api.openai.com}. Never logged.
 * @param baseUrl the API root, {@code http} or {@code https}, e.g. {@code https://api.openai.com/v1} or
 *     {@code http://localhost:11434/v1}; the client POSTs to {@code baseUrl + "/chat/completions"}
 * @param model the model sent when a request names none or names a Claude model (see
 *     {@link OpenAiCompatibleModelClient#modelFor})
 * @param connectTimeout the longest a TCP/TLS connect may take
 * @param defaultTimeout the longest one call may take when the run's deadline leaves more time than that
 */
public record OpenAiConfig(String apiKey, URI baseUrl, String model, Duration connectTimeout, Duration defaultTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public static final String ENV_BASE_URL = "MAINSTAY_OPENAI_BASE_URL";
    public static final String ENV_API_KEY = "MAINSTAY_OPENAI_API_KEY";
    public static final String ENV_MODEL = "MAINSTAY_OPENAI_MODEL";
    public static final String ENV_CONNECT_TIMEOUT = "MAINSTAY_OPENAI_CONNECT_TIMEOUT";
    public static final String ENV_TIMEOUT = "MAINSTAY_OPENAI_TIMEOUT";

    private static final String CHAT_COMPLETIONS = "/chat/completions";

    /** How problems name each setting: by record component, or by environment variable. */
    private record Names(String apiKey, String baseUrl, String model, String connectTimeout, String defaultTimeout) {}

    private static final Names FIELDS = new Names("apiKey", "baseUrl", "model", "connectTimeout", "defaultTimeout");
    private static final Names ENV = new Names(ENV_API_KEY, ENV_BASE_URL, ENV_MODEL, ENV_CONNECT_TIMEOUT, ENV_TIMEOUT);

    public OpenAiConfig {
        apiKey = apiKey == null ? "" : apiKey.strip();
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : normalize(baseUrl);
        model = model == null ? "" : model.strip();
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        defaultTimeout = defaultTimeout == null ? DEFAULT_TIMEOUT : defaultTimeout;
        var problems = validate(apiKey, baseUrl, model, connectTimeout, defaultTimeout, FIELDS);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid OpenAI-compatible configuration: " + String.join("; ", problems));
        }
    }

    /** A configuration with every optional setting at its default. */
    public static OpenAiConfig of(String apiKey, URI baseUrl, String model) {
        return new OpenAiConfig(apiKey, baseUrl, model, null, null);
    }

    /**
     * Reads {@value #ENV_BASE_URL}, {@value #ENV_API_KEY}, {@value #ENV_MODEL} and the optional
     * {@value #ENV_CONNECT_TIMEOUT} and {@value #ENV_TIMEOUT} (e.g. {@code 30s}, {@code 2m}).
     *
     * @return empty when {@value #ENV_BASE_URL} is unset or blank: no OpenAI-compatible endpoint is configured
     * @throws dev.mainstay.config.InvalidConfigException listing every problem, each named by its environment
     *     variable
     */
    public static Optional<OpenAiConfig> fromEnv(Map<String, String> env) {
        var baseText = env.get(ENV_BASE_URL);
        if (baseText == null || baseText.isBlank()) {
            return Optional.empty();
        }
        var problems = new ArrayList<String>();
        URI baseUrl = parseUrl(baseText.strip(), problems);
        var connectTimeout = parseDuration(env, ENV_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, problems);
        var defaultTimeout = parseDuration(env, ENV_TIMEOUT, DEFAULT_TIMEOUT, problems);
        var apiKey = env.getOrDefault(ENV_API_KEY, "").strip();
        var model = env.getOrDefault(ENV_MODEL, "").strip();
        problems.addAll(validate(apiKey, baseUrl, model, connectTimeout, defaultTimeout, ENV));
        if (!problems.isEmpty()) {
            throw new dev.mainstay.config.InvalidConfigException(problems.stream()
                    .map(p -> dev.mainstay.config.ConfigProblem.stated(settingOf(p), p)).toList());
        }
        return Optional.of(new OpenAiConfig(apiKey, baseUrl, model, connectTimeout, defaultTimeout));
    }

    /** Every environment variable {@link #fromEnv} reads. */
    public static final java.util.List<String> VARIABLES = java.util.List.of(ENV_BASE_URL, ENV_API_KEY, ENV_MODEL,
            ENV_CONNECT_TIMEOUT, ENV_TIMEOUT);

    /** The variable a problem message starts with. */
    private static String settingOf(String message) {
        return VARIABLES.stream().filter(message::startsWith).findFirst().orElse(ENV_BASE_URL);
    }

    public OpenAiConfig withModel(String newModel) {
        return new OpenAiConfig(apiKey, baseUrl, newModel, connectTimeout, defaultTimeout);
    }

    public OpenAiConfig withConnectTimeout(Duration newConnectTimeout) {
        return new OpenAiConfig(apiKey, baseUrl, model, newConnectTimeout, defaultTimeout);
    }

    public OpenAiConfig withDefaultTimeout(Duration newDefaultTimeout) {
        return new OpenAiConfig(apiKey, baseUrl, model, connectTimeout, newDefaultTimeout);
    }

    /** Whether requests carry an {@code Authorization} header. */
    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    /** {@code baseUrl + "/chat/completions"}: where every call is POSTed. */
    public URI chatCompletionsUrl() {
        return URI.create(baseUrl + CHAT_COMPLETIONS);
    }

    @Override
    public String toString() {
        return "OpenAiConfig[apiKey=" + (apiKey.isEmpty() ? "<none>" : "<redacted>")
                + ", baseUrl=" + baseUrl
                + ", model=" + model
                + ", connectTimeout=" + connectTimeout
                + ", defaultTimeout=" + defaultTimeout + "]";
    }

    /** Every problem of these settings; {@code baseUrl == null} means its problem was already reported. */
    private static List<String> validate(
            String apiKey, URI baseUrl, String model, Duration connectTimeout, Duration defaultTimeout, Names names) {
        var problems = new ArrayList<String>();
        if (apiKey.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.add(names.apiKey() + " must not contain whitespace or control characters");
        }
        if (baseUrl != null) {
            checkBaseUrl(baseUrl, names.baseUrl(), problems);
            if (apiKey.isEmpty() && "api.openai.com".equalsIgnoreCase(baseUrl.getHost())) {
                problems.add(names.apiKey() + " must be set for " + baseUrl);
            }
        }
        if (model.isEmpty()) {
            problems.add(names.model() + " must be set");
        }
        checkPositive(names.connectTimeout(), connectTimeout, problems);
        checkPositive(names.defaultTimeout(), defaultTimeout, problems);
        return problems;
    }

    private static void checkBaseUrl(URI baseUrl, String name, List<String> problems) {
        var scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(name + " must be an http or https URL, but was " + describe(baseUrl));
            return;
        }
        if (baseUrl.getHost() == null || baseUrl.getHost().isBlank()) {
            problems.add(name + " must name a host, but was " + describe(baseUrl));
        }
        if (baseUrl.getRawUserInfo() != null) {
            problems.add(name + " must not carry credentials (put the key in the API key setting)");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            problems.add(name + " must not have a query or fragment, but was " + describe(baseUrl));
        }
        var path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        if (path.endsWith(CHAT_COMPLETIONS)) {
            problems.add(name + " must be the API root (the client appends " + CHAT_COMPLETIONS + "), but was "
                    + describe(baseUrl));
        }
    }

    private static URI parseUrl(String text, List<String> problems) {
        try {
            return normalize(new URI(text));
        } catch (URISyntaxException e) {
            // the raw text may hold credentials, so it is quoted only when it has no user-info part
            problems.add(ENV_BASE_URL + " is not a valid URL" + (text.contains("@") ? "" : ": " + text));
            return null;
        }
    }

    private static Duration parseDuration(Map<String, String> env, String name, Duration fallback, List<String> problems) {
        var text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        var parsed = Durations.parse(text);
        if (parsed.isEmpty()) {
            problems.add(name + " must be a duration such as 30s or 2m, but was " + text.strip());
            return fallback;
        }
        return parsed.get();
    }

    private static URI normalize(URI uri) {
        var text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** The URL without user info, so a misplaced credential never reaches an error message. */
    private static String describe(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://<redacted>@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void checkPositive(String name, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, but was " + value);
        } else if (value.toMillis() == 0) {
            problems.add(name + " must be at least 1 ms, but was " + value);
        }
    }
}
