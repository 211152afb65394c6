package dev.mainstay.tools;

import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tools.weather.OpenMeteoClient;
import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.config.UserDirectories;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Configuration of the reference tools: where the weather and search services are, how long a tool call may take,
 * and where notes are kept. Immutable; validated when built. Its {@code toString()} never shows an API key.
 *
 * <p>Built from environment variables by {@link #fromEnvironment(Map, Path)}, which checks every variable and
 * reports all problems at once:
 * <ul>
 *   <li>{@value #SEARCH_BACKEND}: {@code brave|tavily|searxng|none}. Unset, the first backend whose credential is
 *       present is chosen ({@code BRAVE_API_KEY}, then {@code TAVILY_API_KEY}, then {@code SEARXNG_URL}), else none.
 *   <li>{@value #BRAVE_API_KEY}, {@value #TAVILY_API_KEY}, {@value #SEARXNG_URL}; for tests and proxies also
 *       {@value #BRAVE_URL} and {@value #TAVILY_URL} (base URLs).
 *   <li>{@value #GEOCODING_URL}, {@value #FORECAST_URL}: Open-Meteo base URLs (default: the public service).
 *   <li>{@value #TOOL_TIMEOUT}: {@code 500ms}, {@code 30s}, {@code 2m} or ISO-8601; at most {@link #MAX_TIMEOUT}
 *       (default {@link ToolSpec#DEFAULT_TIMEOUT}).
 *   <li>{@value #NOTES_DB}: the SQLite notes file (default {@code ~/.mainstay/notes.db}; a leading {@code ~/} is
 *       the home directory).
 * </ul>
 */
public record ReferenceToolsConfig(
        URI geocodingUrl, URI forecastUrl, SearchSettings search, Duration toolTimeout, Path notesDb) {

    public static final String SEARCH_BACKEND = "MAINSTAY_SEARCH_BACKEND";
    public static final String BRAVE_API_KEY = "BRAVE_API_KEY";
    public static final String TAVILY_API_KEY = "TAVILY_API_KEY";
    public static final String SEARXNG_URL = "SEARXNG_URL";
    public static final String BRAVE_URL = "MAINSTAY_BRAVE_URL";
    public static final String TAVILY_URL = "MAINSTAY_TAVILY_URL";
    public static final String GEOCODING_URL = "MAINSTAY_WEATHER_GEOCODING_URL";
    public static final String FORECAST_URL = "MAINSTAY_WEATHER_FORECAST_URL";
    public static final String TOOL_TIMEOUT = "MAINSTAY_TOOL_TIMEOUT";
    public static final String NOTES_DB = "MAINSTAY_NOTES_DB";

    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    public static final String DEFAULT_NOTES_DB = "~/.mainstay/notes.db";
    /** The notes file's name inside Mainstay's data directory. */
    public static final String NOTES_FILE = "notes.db";

    public ReferenceToolsConfig {
        Objects.requireNonNull(geocodingUrl, "geocodingUrl");
        Objects.requireNonNull(forecastUrl, "forecastUrl");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(toolTimeout, "toolTimeout");
        Objects.requireNonNull(notesDb, "notesDb");
        if (toolTimeout.isZero() || toolTimeout.isNegative() || toolTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "toolTimeout must be positive and at most " + MAX_TIMEOUT + ", but was " + toolTimeout);
        }
    }

    /** Public Open-Meteo, no web search, the default timeout, and notes under {@code home}. */
    public static ReferenceToolsConfig defaults(Path home) {
        return new ReferenceToolsConfig(OpenMeteoClient.DEFAULT_GEOCODING_URL, OpenMeteoClient.DEFAULT_FORECAST_URL,
                new SearchSettings.None(), ToolSpec.DEFAULT_TIMEOUT, home.resolve(".mainstay/notes.db"));
    }

    public ReferenceToolsConfig withSearch(SearchSettings newSearch) {
        return new ReferenceToolsConfig(geocodingUrl, forecastUrl, newSearch, toolTimeout, notesDb);
    }

    /**
     * Reads the configuration from {@code env}.
     *
     * @param home the user's home directory, for the default notes file and {@code ~/}
     * @throws InvalidConfigException listing every problem found
     */
    public static ReferenceToolsConfig fromEnvironment(Map<String, String> env, Path home) {
        var reading = ConfigReader.read(env, home);
        if (!reading.problems().isEmpty()) {
            throw new InvalidConfigException(reading.problems());
        }
        return reading.config();
    }

    /** Like {@link #fromEnvironment(Map, Path)} with the home directory of {@code $HOME} ({@link UserDirectories}). */
    public static ReferenceToolsConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, UserDirectories.from(env).home());
    }

    /** Every environment variable this configuration reads. */
    public static final java.util.List<String> VARIABLES = java.util.List.of(SEARCH_BACKEND, BRAVE_API_KEY,
            TAVILY_API_KEY, SEARXNG_URL, BRAVE_URL, TAVILY_URL, GEOCODING_URL, FORECAST_URL, TOOL_TIMEOUT, NOTES_DB);

    /** Every problem in {@code env}, empty when {@link #fromEnvironment(Map, Path)} would succeed. */
    public static List<ConfigProblem> problems(Map<String, String> env, Path home) {
        return ConfigReader.read(env, home).problems();
    }
}
