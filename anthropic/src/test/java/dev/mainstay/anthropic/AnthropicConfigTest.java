package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnthropicConfigTest {
    @Test
    void fillsEveryUnsetSettingWithItsDefault() {
        var config = AnthropicConfig.of("fake-test-key");

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(config.defaultModel()).isEqualTo(AnthropicModelClient.DEFAULT_MODEL);
        assertThat(config.connectTimeout()).isEqualTo(AnthropicConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.defaultTimeout()).isEqualTo(AnthropicConfig.DEFAULT_TIMEOUT);
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new AnthropicConfig(" ", URI.create("ftp://example.com"), "",
                Duration.ofSeconds(-5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey must not be blank")
                .hasMessageContaining("baseUrl must be an http or https URL, but was ftp://example.com")
                .hasMessageContaining("defaultModel must not be blank")
                .hasMessageContaining("connectTimeout must be positive, but was PT-5S")
                .hasMessageContaining("defaultTimeout must be positive, but was PT0S");
    }

    @Test
    void rejectsABaseUrlThatAlreadyEndsInV1() {
        assertThatThrownBy(() -> AnthropicConfig.of("k").withBaseUrl(URI.create("http://127.0.0.1:8080/v1/")))
                .hasMessageContaining("must not end in /v1");
    }

    @Test
    void rejectsCredentialsInTheBaseUrlWithoutRepeatingThem() {
        assertThatThrownBy(() -> AnthropicConfig.of("k").withBaseUrl(URI.create("https://user:hunter2@proxy.local")))
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void dropsATrailingSlashFromTheBaseUrl() {
        var config = AnthropicConfig.of("k").withBaseUrl(URI.create("http://127.0.0.1:8080/"));

        assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void neverShowsTheKey() {
        var config = AnthropicConfig.of("fake-secret-value");

        assertThat(config.toString()).doesNotContain("fake-secret-value").contains("apiKey=<redacted>");
    }
}
