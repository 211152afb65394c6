package dev.mainstay.anthropic;

import dev.mainstay.promptcache.PromptCachePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;

/**
 * How {@link AnthropicModelClient} reaches the Messages API. Immutable and validated on construction: a bad value
 * fails with an {@link IllegalArgumentException} that lists every problem at once, naming the setting and the value.
 *
 * <p>{@code null} for any setting but the key means "use the default" ({@link #DEFAULT_BASE_URL},
 * {@link AnthropicModelClient#DEFAULT_MODEL}, {@link #DEFAULT_CONNECT_TIMEOUT}, {@link #DEFAULT_TIMEOUT}).
 * {@link #toString()} never shows the API key.
 *
 * @param apiKey the API key; required, never logged
 * @param baseUrl the API's root, {@code http} or {@code https}, without {@code /v1} (the client appends
 *     {@code /v1/messages})
 * @param defaultModel the model used when a request names none
 * @param connectTimeout the longest a TCP/TLS connect may take; capped by the call's own timeout
 * @param defaultTimeout the longest one call may take when the run's deadline leaves more time than that
 * @param promptCache where the client places {@code cache_control} markers and with which TTL
 *     ({@link dev.mainstay.promptcache.PromptCachePlanner}); {@link #DEFAULT_PROMPT_CACHE} by default
 */
public record AnthropicConfig(
        String apiKey, URI baseUrl, String defaultModel, Duration connectTimeout, Duration defaultTimeout,
        PromptCachePolicy promptCache) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** Automatic caching for a one-off host: everything with the 5-minute TTL ({@code MAINSTAY_PROMPT_CACHE=auto}). */
    public static final PromptCachePolicy DEFAULT_PROMPT_CACHE = PromptCachePolicy.auto(false);

    public AnthropicConfig {
        promptCache = promptCache == null ? DEFAULT_PROMPT_CACHE : promptCache;
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : normalize(baseUrl);
        defaultModel = defaultModel == null ? AnthropicModelClient.DEFAULT_MODEL : defaultModel;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        defaultTimeout = defaultTimeout == null ? DEFAULT_TIMEOUT : defaultTimeout;

        var problems = new ArrayList<String>();
        if (apiKey == null || apiKey.isBlank()) {
            problems.add("apiKey must not be blank");
        }
        checkBaseUrl(baseUrl, problems);
        if (defaultModel.isBlank()) {
            problems.add("defaultModel must not be blank");
        }
        checkPositive("connectTimeout", connectTimeout, problems);
        checkPositive("defaultTimeout", defaultTimeout, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Anthropic configuration: " + String.join("; ", problems));
        }
    }

    /** A configuration with the default prompt-cache policy. */
    public AnthropicConfig(
            String apiKey, URI baseUrl, String defaultModel, Duration connectTimeout, Duration defaultTimeout) {
        this(apiKey, baseUrl, defaultModel, connectTimeout, defaultTimeout, null);
    }

    /** A configuration with the given key and every other setting at its default. */
    public static AnthropicConfig of(String apiKey) {
        return new AnthropicConfig(apiKey, null, null, null, null, null);
    }

    public AnthropicConfig withBaseUrl(URI newBaseUrl) {
        return new AnthropicConfig(apiKey, newBaseUrl, defaultModel, connectTimeout, defaultTimeout, promptCache);
    }

    public AnthropicConfig withDefaultModel(String newDefaultModel) {
        return new AnthropicConfig(apiKey, baseUrl, newDefaultModel, connectTimeout, defaultTimeout, promptCache);
    }

    public AnthropicConfig withConnectTimeout(Duration newConnectTimeout) {
        return new AnthropicConfig(apiKey, baseUrl, defaultModel, newConnectTimeout, defaultTimeout, promptCache);
    }

    public AnthropicConfig withDefaultTimeout(Duration newDefaultTimeout) {
        return new AnthropicConfig(apiKey, baseUrl, defaultModel, connectTimeout, newDefaultTimeout, promptCache);
    }

    public AnthropicConfig withPromptCache(PromptCachePolicy newPromptCache) {
        return new AnthropicConfig(apiKey, baseUrl, defaultModel, connectTimeout, defaultTimeout, newPromptCache);
    }

    /** The base URL as the SDK wants it: no trailing slash. */
    String baseUrlString() {
        return baseUrl.toString();
    }

    @Override
    public String toString() {
        return "AnthropicConfig[apiKey=" + (apiKey == null || apiKey.isBlank() ? "<missing>" : "<redacted>")
                + ", baseUrl=" + baseUrl
                + ", defaultModel=" + defaultModel
                + ", connectTimeout=" + connectTimeout
                + ", defaultTimeout=" + defaultTimeout
                + ", promptCache=" + promptCache + "]";
    }

    private static URI normalize(URI uri) {
        var text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static void checkBaseUrl(URI baseUrl, ArrayList<String> problems) {
        var scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("baseUrl must be an http or https URL, but was " + describe(baseUrl));
            return;
        }
        if (baseUrl.getHost() == null || baseUrl.getHost().isBlank()) {
            problems.add("baseUrl must name a host, but was " + describe(baseUrl));
        }
        if (baseUrl.getRawUserInfo() != null) {
            problems.add("baseUrl must not carry credentials");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            problems.add("baseUrl must not have a query or fragment, but was " + describe(baseUrl));
        }
        var path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        if (path.endsWith("/v1")) {
            problems.add("baseUrl must not end in /v1 (the client appends /v1/messages), but was " + describe(baseUrl));
        }
    }

    /** The URL without user info, so a misplaced credential never reaches an error message. */
    private static String describe(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://<redacted>@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void checkPositive(String name, Duration value, ArrayList<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, but was " + value);
        } else if (value.toMillis() == 0) {
            problems.add(name + " must be at least 1 ms, but was " + value);
        }
    }
}
