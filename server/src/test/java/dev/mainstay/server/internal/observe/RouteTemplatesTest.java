package dev.mainstay.server.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
    private final RouteTemplates api = RouteTemplates.ofApi();

    @Test
    void aRawPathIsReportedAsTheTemplateItInstantiates() {
        assertThat(api.match("/v1/runs")).contains("/v1/runs");
        assertThat(api.match("/v1/runs/run_4f3a9c0b1d2e3f4a5b6c")).contains("/v1/runs/{id}");
        assertThat(api.match("/v1/runs/run_4f3a9c0b1d2e3f4a5b6c/events")).contains("/v1/runs/{id}/events");
        assertThat(api.match("/v1/conversations/conv_1")).contains("/v1/conversations/{id}");
    }

    @Test
    void aPathTheApiDoesNotServeMatchesNothing() {
        assertThat(api.match("/v1/runs/a/b/c")).isEmpty();
        assertThat(api.match("/wp-admin.php")).isEmpty();
    }

    @Test
    void aLiteralTemplateWinsOverAParameterisedSibling() {
        var templates = RouteTemplates.of(java.util.List.of("/v1/things/{id}", "/v1/things/count"));

        assertThat(templates.match("/v1/things/count")).contains("/v1/things/count");
        assertThat(templates.match("/v1/things/t_1")).contains("/v1/things/{id}");
    }
}
