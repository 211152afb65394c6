package dev.mainstay.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceToolsConfigTest {
    static final Path HOME = Path.of("/home/ada");
    static final String SECRET = "BSA-very-secret-key-123";

    private static ReferenceToolsConfig read(Map<String, String> env) {
        return ReferenceToolsConfig.fromEnvironment(env, HOME);
    }

    @Test
    void usesPublicOpenMeteoNoSearchAndNotesInTheHomeDirectoryByDefault() {
        var config = read(Map.of());

        assertThat(config.geocodingUrl()).isEqualTo(URI.create("https://geocoding-api.open-meteo.com"));
        assertThat(config.forecastUrl()).isEqualTo(URI.create("https://api.open-meteo.com"));
        assertThat(config.search()).isEqualTo(new SearchSettings.None());
        assertThat(config.toolTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.notesDb()).isEqualTo(Path.of("/home/ada/.mainstay/notes.db"));
        assertThat(config).isEqualTo(ReferenceToolsConfig.defaults(HOME));
    }

    @Test
    void readsEverySetting() {
        var config = read(Map.of(
                "MAINSTAY_SEARCH_BACKEND", "Brave",
                "BRAVE_API_KEY", SECRET,
                "MAINSTAY_BRAVE_URL", "http://127.0.0.1:9999",
                "MAINSTAY_WEATHER_GEOCODING_URL", "http://127.0.0.1:8081/",
                "MAINSTAY_WEATHER_FORECAST_URL", "http://127.0.0.1:8082",
                "MAINSTAY_TOOL_TIMEOUT", "1500ms",
                "MAINSTAY_NOTES_DB", "~/data/notes.db"));

        assertThat(config.search()).isEqualTo(
                new SearchSettings.Brave(ApiKey.of(SECRET), URI.create("http://127.0.0.1:9999")));
        assertThat(config.geocodingUrl()).isEqualTo(URI.create("http://127.0.0.1:8081/"));
        assertThat(config.forecastUrl()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(config.toolTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.notesDb()).isEqualTo(Path.of("/home/ada/data/notes.db"));
    }

    @Test
    void choosesTheBackendWhoseCredentialIsPresentWhenNoneIsNamed() {
        assertThat(read(Map.of("TAVILY_API_KEY", SECRET)).search())
                .isEqualTo(new SearchSettings.Tavily(ApiKey.of(SECRET)));
        assertThat(read(Map.of("SEARXNG_URL", "https://searx.example/")).search())
                .isEqualTo(new SearchSettings.Searxng(URI.create("https://searx.example/")));
        assertThat(read(Map.of("MAINSTAY_SEARCH_BACKEND", "none", "BRAVE_API_KEY", SECRET)).search())
                .isEqualTo(new SearchSettings.None());
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "45s, PT45S", "2m, PT2M", "PT1M30S, PT1M30S", "pt10s, PT10S"})
    void acceptsShortAndIsoDurations(String text, String expected) {
        assertThat(read(Map.of("MAINSTAY_TOOL_TIMEOUT", text)).toolTimeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void listsEveryProblemAtOnce() {
        var env = Map.of(
                "MAINSTAY_SEARCH_BACKEND", "brave",
                "MAINSTAY_WEATHER_GEOCODING_URL", "ftp://weather.example",
                "MAINSTAY_WEATHER_FORECAST_URL", "not a url",
                "MAINSTAY_TOOL_TIMEOUT", "-5s",
                "SEARXNG_URL", "https://user:hunter2@searx.example");

        var problems = ReferenceToolsConfig.problems(env, HOME);

        assertThat(problems).extracting(dev.mainstay.config.ConfigProblem::message).containsExactlyInAnyOrder(
                "MAINSTAY_WEATHER_GEOCODING_URL must be an http or https URL without query or credentials, like "
                        + "https://example.org, but was 'ftp://weather.example'",
                "MAINSTAY_WEATHER_FORECAST_URL must be an http or https URL without query or credentials, like "
                        + "https://example.org, but was 'not a url'",
                "SEARXNG_URL must be an http or https URL without query or credentials, like https://example.org, "
                        + "but was '(a value with credentials, not shown)'",
                "BRAVE_API_KEY must be set when MAINSTAY_SEARCH_BACKEND=brave",
                "MAINSTAY_TOOL_TIMEOUT must be a positive duration of at most 10m, like 500ms, 30s or 2m, "
                        + "but was '-5s'");
        var thrown = catchThrowableOfType(
                dev.mainstay.config.InvalidConfigException.class, () -> read(env));
        assertThat(thrown.problems()).isEqualTo(problems);
        assertThat(thrown.getMessage()).contains("BRAVE_API_KEY must be set", "MAINSTAY_TOOL_TIMEOUT", "SEARXNG_URL")
                .doesNotContain("hunter2");
    }

    @Test
    void namesTheAllowedBackendsForAnUnknownOne() {
        assertThatThrownBy(() -> read(Map.of("MAINSTAY_SEARCH_BACKEND", "google", "BRAVE_API_KEY", SECRET)))
                .isInstanceOf(dev.mainstay.config.InvalidConfigException.class)
                .hasMessage("invalid configuration: MAINSTAY_SEARCH_BACKEND must be one of brave, tavily, searxng, none, but was 'google'");
    }

    @Test
    void refusesAKeyThatCannotBeAnHttpHeaderWithoutRepeatingIt() {
        var problems = ReferenceToolsConfig.problems(Map.of("BRAVE_API_KEY", "abc\ndef ghi"), HOME);

        assertThat(problems).containsExactly(dev.mainstay.config.ConfigProblem.stated("BRAVE_API_KEY",
                "BRAVE_API_KEY is not a valid key: an API key must be printable ASCII without spaces"));
    }

    @Test
    void refusesTimeoutsBeyondTenMinutes() {
        assertThat(ReferenceToolsConfig.problems(Map.of("MAINSTAY_TOOL_TIMEOUT", "11m"), HOME)).hasSize(1);
        assertThat(ReferenceToolsConfig.problems(Map.of("MAINSTAY_TOOL_TIMEOUT", "0s"), HOME)).hasSize(1);
    }

    @Test
    void neverShowsApiKeysInToStringOrProblems() {
        var brave = read(Map.of("BRAVE_API_KEY", SECRET));
        var tavily = read(Map.of("TAVILY_API_KEY", SECRET));

        assertThat(brave.toString()).doesNotContain(SECRET).contains("ApiKey[****]");
        assertThat(tavily.toString()).doesNotContain(SECRET);
        assertThat(ReferenceToolsConfig.problems(
                Map.of("BRAVE_API_KEY", SECRET, "MAINSTAY_TOOL_TIMEOUT", "x"), HOME).toString())
                .doesNotContain(SECRET);
    }
}
