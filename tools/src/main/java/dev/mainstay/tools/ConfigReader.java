package dev.mainstay.tools;

import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tools.internal.Text;
import dev.mainstay.tools.search.BraveSearch;
import dev.mainstay.tools.search.TavilySearch;
import dev.mainstay.tools.weather.OpenMeteoClient;
import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.UserDirectories;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link ReferenceToolsConfig} from environment variables, collecting every problem instead of stopping at
 * the first. Messages echo non-secret values (truncated) so the operator sees what was wrong; the values of API keys
 * are never echoed.
 */
final class ConfigReader {

    record Reading(ReferenceToolsConfig config, List<ConfigProblem> problems) {}

    private final Map<String, String> env;
    private final Path home;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigReader(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    static Reading read(Map<String, String> env, Path home) {
        var reader = new ConfigReader(env, home);
        var config = reader.config();
        return new Reading(reader.problems.isEmpty() ? config : null, List.copyOf(reader.problems));
    }

    private ReferenceToolsConfig config() {
        var geocoding = url(ReferenceToolsConfig.GEOCODING_URL).orElse(OpenMeteoClient.DEFAULT_GEOCODING_URL);
        var forecast = url(ReferenceToolsConfig.FORECAST_URL).orElse(OpenMeteoClient.DEFAULT_FORECAST_URL);
        var search = search();
        var timeout = timeout();
        var notes = notesDb();
        return problems.isEmpty() ? new ReferenceToolsConfig(geocoding, forecast, search, timeout, notes) : null;
    }

    private SearchSettings search() {
        var braveUrl = url(ReferenceToolsConfig.BRAVE_URL);
        var tavilyUrl = url(ReferenceToolsConfig.TAVILY_URL);
        var searxngUrl = url(ReferenceToolsConfig.SEARXNG_URL);
        var braveKey = value(ReferenceToolsConfig.BRAVE_API_KEY);
        var tavilyKey = value(ReferenceToolsConfig.TAVILY_API_KEY);
        var chosen = value(ReferenceToolsConfig.SEARCH_BACKEND).map(v -> v.toLowerCase(Locale.ROOT))
                .orElseGet(() -> braveKey.isPresent() ? "brave"
                        : tavilyKey.isPresent() ? "tavily"
                        : searxngUrl.isPresent() ? "searxng"
                        : "none");
        return switch (chosen) {
            case "none" -> new SearchSettings.None();
            case "brave" -> braveKey.flatMap(key -> apiKey(ReferenceToolsConfig.BRAVE_API_KEY, key))
                    .<SearchSettings>map(key -> new SearchSettings.Brave(
                            key, braveUrl.orElse(BraveSearch.DEFAULT_BASE_URL)))
                    .orElseGet(() -> missing(ReferenceToolsConfig.BRAVE_API_KEY, "brave"));
            case "tavily" -> tavilyKey.flatMap(key -> apiKey(ReferenceToolsConfig.TAVILY_API_KEY, key))
                    .<SearchSettings>map(key -> new SearchSettings.Tavily(
                            key, tavilyUrl.orElse(TavilySearch.DEFAULT_BASE_URL)))
                    .orElseGet(() -> missing(ReferenceToolsConfig.TAVILY_API_KEY, "tavily"));
            case "searxng" -> searxngUrl.<SearchSettings>map(SearchSettings.Searxng::new)
                    .orElseGet(() -> missing(ReferenceToolsConfig.SEARXNG_URL, "searxng"));
            default -> {
                problem(ReferenceToolsConfig.SEARCH_BACKEND, ReferenceToolsConfig.SEARCH_BACKEND
                        + " must be one of brave, tavily, searxng, none, but was '" + echo(chosen) + "'");
                yield new SearchSettings.None();
            }
        };
    }

    private Optional<ApiKey> apiKey(String variable, String value) {
        try {
            return Optional.of(ApiKey.of(value));
        } catch (IllegalArgumentException e) {
            // the exception's message never holds the value, and neither does this one
            problem(variable, variable + " is not a valid key: " + e.getMessage());
            return Optional.empty();
        }
    }

    private SearchSettings missing(String variable, String backend) {
        if (problemAbout(variable)) {
            return new SearchSettings.None();
        }
        problem(variable, variable + " must be set when " + ReferenceToolsConfig.SEARCH_BACKEND + "=" + backend);
        return new SearchSettings.None();
    }

    private Duration timeout() {
        var raw = value(ReferenceToolsConfig.TOOL_TIMEOUT);
        if (raw.isEmpty()) {
            return ToolSpec.DEFAULT_TIMEOUT;
        }
        var parsed = parseDuration(raw.get());
        if (parsed.isPresent() && !parsed.get().isNegative() && !parsed.get().isZero()
                && parsed.get().compareTo(ReferenceToolsConfig.MAX_TIMEOUT) <= 0) {
            return parsed.get();
        }
        problem(ReferenceToolsConfig.TOOL_TIMEOUT, ReferenceToolsConfig.TOOL_TIMEOUT
                + " must be a positive duration of at most 10m, like 500ms, 30s or 2m, but was '" + echo(raw.get())
                + "'");
        return ToolSpec.DEFAULT_TIMEOUT;
    }

    private Path notesDb() {
        var configured = value(ReferenceToolsConfig.NOTES_DB);
        if (configured.isEmpty()) {
            return defaultNotesDb();
        }
        var raw = configured.get();
        try {
            return raw.equals("~") ? home : raw.startsWith("~/") ? home.resolve(raw.substring(2)) : Path.of(raw);
        } catch (InvalidPathException e) {
            problem(ReferenceToolsConfig.NOTES_DB,
                    ReferenceToolsConfig.NOTES_DB + " must be a file path, but was '" + echo(raw) + "'");
            return defaultNotesDb();
        }
    }

    /** {@code $XDG_DATA_HOME/mainstay/notes.db} when that is set, else {@code <home>/.mainstay/notes.db}. */
    private Path defaultNotesDb() {
        var xdg = value(UserDirectories.XDG_DATA_HOME).map(String::trim);
        if (xdg.isPresent()) {
            try {
                var dir = Path.of(xdg.get());
                if (dir.isAbsolute()) {
                    return dir.resolve("mainstay").resolve(ReferenceToolsConfig.NOTES_FILE);
                }
            } catch (InvalidPathException e) {
                // the XDG specification says to ignore an invalid value
            }
        }
        return home.resolve(".mainstay").resolve(ReferenceToolsConfig.NOTES_FILE);
    }

    private Optional<URI> url(String variable) {
        var raw = value(variable);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            var uri = new URI(raw.get());
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problem(variable, variable + " must be an http or https URL without query or credentials, like "
                + "https://example.org, but was '" + echoUrl(raw.get()) + "'");
        return Optional.empty();
    }

    private Optional<String> value(String variable) {
        var raw = env.get(variable);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }

    private boolean problemAbout(String variable) {
        return problems.stream().anyMatch(p -> p.setting().equals(variable));
    }

    private void problem(String variable, String message) {
        problems.add(ConfigProblem.stated(variable, message));
    }

    private static String echo(String value) {
        return Text.truncate(value, 100);
    }

    /** A URL may carry credentials ({@code user:pass@host}); such a value is not repeated. */
    private static String echoUrl(String value) {
        return value.contains("@") ? "(a value with credentials, not shown)" : echo(value);
    }

    static Optional<Duration> parseDuration(String text) {
        return Durations.parse(text);
    }
}
