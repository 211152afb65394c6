package dev.mainstay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.OpenApiContract;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import dev.mainstay.store.Tenants;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear RFC 9457 problem with a stable type and changes nothing: every error class the API
 * answers, each checked against openapi.json, none with a stack trace.
 */
abstract class ProblemsContract extends NodeTestBase {
    MainstayServer server;
    ApiClient api;
    TestNode.Key key;

    @BeforeAll
    void startNode() {
        server = start(node());
        api = new ApiClient(server.baseUrl());
        key = newTenant(server, Role.ADMIN, "alice");
    }

    /** Asserts the response is the problem {@code slug} with {@code status}, as openapi.json documents it. */
    ApiClient.Response problem(String method, String template, ApiClient.Response response, int status,
            String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(slug);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("at dev.mainstay", "Exception", "at io.javalin");
        if (template != null) {
            OpenApiContract.check(method, template, response);
        } else {
            OpenApiContract.validateAgainst("Problem", response.body());
        }
        return response;
    }

    @Test
    void malformedJsonIsInvalidJson() {
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "{\"input\": "), 400, "invalid-json");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "[1, 2]"), 400, "invalid-json");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "{\"input\":\"a\",\"input\":\"b\"}"), 400,
                "invalid-json");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "{\"input\":\"a\"} {}"), 400,
                "invalid-json");
    }

    @Test
    void everyInvalidFieldIsListedAtOnce() {
        var response = problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", 42, "colour",
                "blue", "limits", Map.of("max_steps", 0, "deadline", "soon", "temperature", 1), "wait", 1000,
                "on_busy", "shout")), 400, "invalid-request");
        var fields = new java.util.ArrayList<String>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("input", "colour", "limits.max_steps", "limits.deadline",
                "limits.temperature", "wait", "on_busy");
    }

    @Test
    void missingTooLongOrBlankInputIsRefusedWithTheLimit() {
        var key = newTenant(server, Role.ADMIN, "alice");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "{}"), 400, "invalid-request");
        var nullInput = problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "{\"input\": null}"), 400,
                "invalid-request");
        assertThat(nullInput.json().path("detail").asText()).isEqualTo("input is required");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "   ")), 400, "invalid-request");
        var tooLong = problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(),
                body("input", "x".repeat(20_001))), 400, "invalid-request");
        assertThat(tooLong.json().path("detail").asText()).contains("20000");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "a\u0000b")), 400,
                "invalid-request");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), null), 400, "invalid-request");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "hi", "conversation_id",
                "../etc/passwd")), 400, "invalid-request");
        assertThat(api.get("/v1/runs", key.secret()).json().path("data").size()).isZero();
    }

    @Test
    void queryParametersAreCheckedToo() {
        problem("GET", "/v1/runs", api.get("/v1/runs?status=done", key.secret()), 400, "invalid-request");
        problem("GET", "/v1/runs", api.get("/v1/runs?limit=1000", key.secret()), 400, "invalid-request");
        problem("GET", "/v1/runs", api.get("/v1/runs?sort=asc", key.secret()), 400, "invalid-request");
        problem("GET", "/v1/runs", api.get("/v1/runs?cursor=not-a-cursor", key.secret()), 400, "invalid-request");
        problem("GET", "/v1/runs/{id}/events", api.get("/v1/runs/run_x/events?after=-1", key.secret()), 400,
                "invalid-request");
    }

    @Test
    void aBadIdempotencyKeyIsRefused() {
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "hi"),
                headers("Idempotency-Key", "x".repeat(256))), 400, "invalid-idempotency-key");
    }

    @Test
    void withoutAValidKeyNothingIsAnswered() {
        var missing = problem("GET", "/v1/runs", api.get("/v1/runs", null), 401, "unauthenticated");
        assertThat(missing.header("WWW-Authenticate")).contains("Bearer realm=\"mainstay\"");
        problem("GET", "/v1/runs", api.get("/v1/runs", "not-a-key"), 401, "unauthenticated");
        problem("GET", "/v1/runs", api.get("/v1/runs", null, headers("Authorization", "Basic YTpi")), 401,
                "unauthenticated");
        // a key this node verified is trusted for a few seconds more (VerifiedKeysTest); this one was never used
        var revoked = anotherKey(server, key, Role.MEMBER, "mallory");
        server.store().keys().revoke(Optional.of(key.tenantId()), revoked.id(), Instant.now());
        var refused = problem("GET", "/v1/runs", api.get("/v1/runs", revoked.secret()), 401, "unauthenticated");
        assertThat(refused.body()).doesNotContain(revoked.secret());
    }

    @Test
    void aMissingRunConversationOrEndpointIsNotFound() {
        problem("GET", "/v1/runs/{id}", api.get("/v1/runs/run_doesnotexist", key.secret()), 404, "not-found");
        problem("GET", "/v1/runs/{id}", api.get("/v1/runs/%2e%2e%2fsecret", key.secret()), 404, "not-found");
        problem("POST", "/v1/runs/{id}/cancel", api.post("/v1/runs/run_nope/cancel", key.secret(), null), 404,
                "not-found");
        problem("GET", "/v1/conversations/{id}", api.get("/v1/conversations/conv_nope", key.secret()), 404,
                "not-found");
        problem(null, null, api.get("/v1/nothing-here", key.secret()), 404, "not-found");
        problem(null, null, api.get("/nothing-here", null), 404, "not-found");
    }

    @Test
    void aKnownPathAskedWithAnotherMethodIsNotAllowedAndSaysWhichAre() {
        var deleteRuns = problem(null, null, api.delete("/v1/runs", key.secret()), 405, "method-not-allowed");
        assertThat(deleteRuns.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
        var putRun = problem(null, null, api.put("/v1/runs/run_doesnotexist", key.secret(), "{}"), 405,
                "method-not-allowed");
        assertThat(putRun.header("Allow")).contains("GET");
        assertThat(putRun.json().path("detail").asText()).isEqualTo("this endpoint takes GET");
        problem(null, null, api.get("/v1/runs/run_nope/cancel", key.secret()), 405, "method-not-allowed");
    }

    @Test
    void aFieldSentToARequestThatTakesNoneIsNamed() {
        var refused = problem("POST", "/v1/conversations", api.post("/v1/conversations", key.secret(),
                "{\"title\": \"x\"}"), 400, "invalid-request");
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("title unknown field; this request takes no fields");
    }

    @Test
    void whatJettyRefusesBeforeAnyRouteIsAProblemToo() throws Exception {
        var malformed = raw("GET /v1/runs/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("https://mainstay.dev/problems/invalid-request").doesNotContain("<html");
        var headers = raw("GET /v1/runs HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(headers).startsWith("HTTP/1.1 431").contains("https://mainstay.dev/problems/headers-too-large");
    }

    private String raw(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOversizedBodyIsTooLarge() {
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "y".repeat(200_000))), 413,
                "payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), "input=hello",
                headers("Content-Type", "application/x-www-form-urlencoded")), 415, "unsupported-media-type");
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "hi"),
                headers("Content-Type", "application/json; charset=latin1")), 415, "unsupported-media-type");
        var noType = api.send(api.request("/v1/conversations", key.secret(), Map.of())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        problem("POST", "/v1/conversations", noType, 415, "unsupported-media-type");
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsUnprocessable() {
        var headers = headers("Idempotency-Key", "reuse-" + System.nanoTime());
        assertThat(api.post("/v1/runs", key.secret(), body("input", "What is 1 plus 2?"), headers).status())
                .isEqualTo(202);
        problem("POST", "/v1/runs", api.post("/v1/runs", key.secret(), body("input", "What is 2 plus 2?"), headers),
                422, "idempotency-key-reused");
    }

    @Test
    void aKeyOverItsRateIsToldWhenToRetry() {
        var limited = newTenant(server, Role.ADMIN, "eve");
        server.store().tenants().updateLimits(limited.tenantId(), new Tenants.TenantLimits(10, 0.01, 2));
        ApiClient.Response last = null;
        for (int i = 0; i < 4 && (last == null || last.status() != 429); i++) {
            last = api.get("/v1/runs", limited.secret());
        }
        // the limits of a tenant are cached for a few seconds on a node: the bucket may have started at the defaults
        while (last.status() != 429) {
            last = api.get("/v1/runs", limited.secret());
        }
        var response = problem("GET", "/v1/runs", last, 429, "rate-limited");
        assertThat(Long.parseLong(response.header("Retry-After").orElseThrow())).isPositive();
        assertThat(response.json().path("retry_after_seconds").asLong()).isPositive();
    }
}
