package dev.mainstay.openai;

import static dev.mainstay.openai.Fixtures.context;
import static dev.mainstay.openai.Fixtures.error;
import static dev.mainstay.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelConnectionException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
    @RegisterExtension
    final FakeOpenAiServer openai = new FakeOpenAiServer();

    @ParameterizedTest(name = "{0} {1}/{2} → {4}")
    @CsvSource(nullValues = "null", value = {
        "400, invalid_request_error, null, Unrecognized request argument supplied: foo, invalid_request_error",
        "401, invalid_request_error, invalid_api_key, Incorrect API key provided, authentication_error",
        "403, invalid_request_error, unsupported_country_region_territory, Country not supported, permission_error",
        "404, invalid_request_error, model_not_found, The model `gpt-9` does not exist, not_found_error",
        "413, invalid_request_error, null, Request too large, request_too_large",
        "422, BadRequestError, null, max_completion_tokens must be at least 1, invalid_request_error",
        "429, requests, rate_limit_exceeded, Rate limit reached for gpt-4o, rate_limit_error",
        "429, insufficient_quota, insufficient_quota, You exceeded your current quota, billing_error",
        "500, server_error, null, The server had an error while processing your request, api_error",
        "502, server_error, null, Bad gateway, api_error",
        "503, server_error, null, Service unavailable, api_error",
        "503, server_error, overloaded, The engine is currently overloaded, overloaded_error",
        "504, server_error, null, Gateway timeout, api_error",
        "529, overloaded_error, null, Overloaded, overloaded_error"
    })
    void mapsEachErrorStatusToAnApiErrorType(int status, String type, String code, String message, String expected) {
        openai.server().enqueue(error(status, type, code, message));

        var e = catchThrowableOfType(ModelApiException.class, () -> openai.client().call(request(false), context()));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorType()).isEqualTo(ApiErrorType.of(expected));
        assertThat(e.getMessage()).contains("HTTP " + status).contains(message);
        assertThat(e.inStream()).isFalse();
        assertThat(e.contentDelivered()).isFalse();
        assertThat(e.requestId()).isEqualTo("req_5f1c2a9e7b3d4c8fa1e2b3c4d5e6f708");
    }

    @Test
    void keepsTheHeadersRetryPoliciesReadAndDropsTheRest() {
        openai.server().enqueue(error(429, "requests", "rate_limit_exceeded", "Rate limit reached").newBuilder()
                .addHeader("retry-after", "7")
                .addHeader("x-ratelimit-remaining-requests", "0")
                .addHeader("set-cookie", "__cf_bm=secret-cookie")
                .build());

        var e = catchThrowableOfType(ModelApiException.class, () -> openai.client().call(request(false), context()));

        assertThat(e.headers().first("retry-after")).contains("7");
        assertThat(e.headers().first("x-request-id")).contains("req_5f1c2a9e7b3d4c8fa1e2b3c4d5e6f708");
        assertThat(e.headers().values()).doesNotContainKey("set-cookie");
    }

    @Test
    void readsTheMessageOfVllmsTopLevelErrorBody() {
        openai.server().enqueue(Fixtures.json(400, """
                {"object":"error","message":"This model's maximum context length is 8192 tokens.","type":"BadRequestError","param":null,"code":400}"""));

        var e = catchThrowableOfType(ModelApiException.class, () -> openai.client().call(request(false), context()));

        assertThat(e.errorType()).isEqualTo(ApiErrorType.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("maximum context length is 8192 tokens");
    }

    @Test
    void aGatewayPageInsteadOfJsonIsTypedByItsStatusAlone() {
        openai.server().enqueue(new MockResponse.Builder()
                .code(502)
                .addHeader("content-type", "text/html")
                .body("<html><body>502 Bad Gateway – nginx</body></html>")
                .build());

        var e = catchThrowableOfType(ModelApiException.class, () -> openai.client().call(request(false), context()));

        assertThat(e.errorType()).isEqualTo(ApiErrorType.API_ERROR);
        assertThat(e.getMessage()).isEqualTo("HTTP 502 api_error").doesNotContain("nginx");
    }

    @Test
    void aRefusedConnectionIsAConnectionError() throws Exception {
        try (var unreachable = new OpenAiCompatibleModelClient(Fixtures.configForClosedServer())) {
            var e = catchThrowableOfType(ModelConnectionException.class,
                    () -> unreachable.call(request(false), context()));

            assertThat(e.code()).isEqualTo("connection_error");
            assertThat(e.getMessage()).contains("ConnectException");
            assertThat(e.contentDelivered()).isFalse();
        }
    }
}
