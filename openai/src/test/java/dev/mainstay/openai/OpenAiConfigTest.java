package dev.mainstay.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiConfigTest {
    private static final URI LOCAL = URI.create("http://127.0.0.1:11434/v1");

    @Test
    void listsEveryProblemAtOnceNamingEachSetting() {
        assertThatThrownBy(() -> new OpenAiConfig(
                        "sk bad", URI.create("ftp://example.com/v1"), " ", Duration.ZERO, Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey must not contain whitespace")
                .hasMessageContaining("baseUrl must be an http or https URL, but was ftp://example.com/v1")
                .hasMessageContaining("model must be set")
                .hasMessageContaining("connectTimeout must be positive, but was PT0S")
                .hasMessageContaining("defaultTimeout must be positive, but was PT-5S");
    }

    @Test
    void rejectsAnEndpointUrlInPlaceOfTheApiRoot() {
        assertThatThrownBy(() -> OpenAiConfig.of("", URI.create("http://127.0.0.1:8000/v1/chat/completions"), "m"))
                .hasMessageContaining("baseUrl must be the API root");
    }

    @Test
    void rejectsCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> OpenAiConfig.of("", URI.create("https://user:hunter2@gateway.example/v1"), "m"))
                .hasMessageContaining("baseUrl must not carry credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void requiresAKeyForOpenAiItselfButNotForALocalServer() {
        assertThatThrownBy(() -> OpenAiConfig.of("", null, "gpt-4o"))
                .hasMessageContaining("apiKey must be set for https://api.openai.com/v1");

        var local = OpenAiConfig.of(null, LOCAL, "llama3.1:8b");

        assertThat(local.hasApiKey()).isFalse();
        assertThat(local.toString()).contains("apiKey=<none>");
    }

    @Test
    void appendsChatCompletionsToTheRootWithoutDoubleSlashes() {
        var config = OpenAiConfig.of("", URI.create("http://127.0.0.1:11434/v1/"), "llama3.1:8b");

        assertThat(config.chatCompletionsUrl()).isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
        assertThat(config.connectTimeout()).isEqualTo(OpenAiConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.defaultTimeout()).isEqualTo(OpenAiConfig.DEFAULT_TIMEOUT);
    }

    @Test
    void fromEnvIsEmptyWhenNoBaseUrlIsSet() {
        assertThat(OpenAiConfig.fromEnv(Map.of())).isEmpty();
        assertThat(OpenAiConfig.fromEnv(Map.of("MAINSTAY_OPENAI_BASE_URL", " ", "MAINSTAY_OPENAI_MODEL", "m")))
                .isEmpty();
    }

    @Test
    void fromEnvReadsEverySetting() {
        var config = OpenAiConfig.fromEnv(Map.of(
                        "MAINSTAY_OPENAI_BASE_URL", "https://api.openai.com/v1",
                        "MAINSTAY_OPENAI_API_KEY", "fake-openai-abc",
                        "MAINSTAY_OPENAI_MODEL", "gpt-4o-mini",
                        "MAINSTAY_OPENAI_TIMEOUT", "90s",
                        "MAINSTAY_OPENAI_CONNECT_TIMEOUT", "2s"))
                .orElseThrow();

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(config.apiKey()).isEqualTo("fake-openai-abc");
        assertThat(config.model()).isEqualTo("gpt-4o-mini");
        assertThat(config.defaultTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.toString()).doesNotContain("fake-openai-abc");
    }

    @Test
    void fromEnvListsEveryProblemByItsVariableName() {
        assertThatThrownBy(() -> OpenAiConfig.fromEnv(Map.of(
                        "MAINSTAY_OPENAI_BASE_URL", "localhost:8000/v1",
                        "MAINSTAY_OPENAI_TIMEOUT", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAINSTAY_OPENAI_BASE_URL must be an http or https URL, but was localhost:8000/v1")
                .hasMessageContaining("MAINSTAY_OPENAI_MODEL must be set")
                .hasMessageContaining("MAINSTAY_OPENAI_TIMEOUT must be a duration such as 30s or 2m, but was soon");
    }

    @Test
    void fromEnvReportsAnUnparsableUrl() {
        assertThatThrownBy(() -> OpenAiConfig.fromEnv(Map.of(
                        "MAINSTAY_OPENAI_BASE_URL", "http://bad host/v1",
                        "MAINSTAY_OPENAI_MODEL", "m")))
                .hasMessageContaining("MAINSTAY_OPENAI_BASE_URL is not a valid URL: http://bad host/v1");
    }
}
