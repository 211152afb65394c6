package dev.mainstay.sim;

import static dev.mainstay.sim.ErrorEnvelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientErrorFaultsTest {
    private Simulator simulator;
    private SimHttp http;

    private void start(FaultProfile faults) {
        simulator = Simulator.start(SimulatorConfig.defaults().withBrain(TestBrains.toolCaller()).withFaults(faults));
        http = new SimHttp(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "INVALID_REQUEST_400 | 400 | invalid_request_error | INVALID_REQUEST | Simulated invalid request: the Mainstay simulator's fault profile (rate_400) refused this request.",
        "CREDIT_BALANCE_400 | 400 | invalid_request_error | CREDIT_BALANCE_LOW | Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
        "AUTHENTICATION_401 | 401 | authentication_error | UNAUTHENTICATED | invalid x-api-key",
        "PERMISSION_403 | 403 | permission_error | PERMISSION_DENIED | Your API key does not have permission to use the specified resource.",
        "NOT_FOUND_404 | 404 | not_found_error | NOT_FOUND | model: claude-sonnet-4-5",
        "REQUEST_TOO_LARGE_413 | 413 | request_too_large | TOO_LARGE | Request exceeds the maximum allowed number of bytes.",
    })
    void answersEachInjectedClientErrorInTheApisWording(
            ErrorFault fault, int status, String type, Outcome outcome, String message) {
        start(FaultProfile.builder().rate(fault, 1.0).build());

        var response = http.postMessages(Requests.simple(false));

        assertError(response, status, type, message);
        assertThat(response.headers().firstValue("x-should-retry")).isEmpty();
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
        assertThat(simulator.stats().count(outcome)).isEqualTo(1);
    }

    @Test
    void aUsageLimitIsA429SayingWhenAccessReturnsAndNotHowManySecondsToWait() {
        start(FaultProfile.named("usage_limit"));

        var response = http.postMessages(Requests.simple(true));

        var firstOfNextMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        assertError(response, 429, "rate_limit_error", "You have reached your specified API usage limits. You will"
                + " regain access on " + firstOfNextMonth + " at 00:00 UTC.");
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
        assertThat(response.headers().firstValue("retry-after-ms")).isEmpty();
        assertThat(simulator.stats().count(Outcome.USAGE_LIMITED)).isEqualTo(1);
    }

    @Test
    void sendsXShouldRetryOnEveryInjectedErrorWhenTheProfileSaysSo() {
        start(FaultProfile.builder().rate529(1.0).shouldRetryHeader(FaultProfile.ShouldRetryHeader.FALSE).build());
        assertThat(http.postMessages(Requests.simple(false)).headers().firstValue("x-should-retry")).hasValue("false");

        simulator.setFaults(FaultProfile.builder().rate(ErrorFault.PERMISSION_403, 1.0)
                .shouldRetryHeader(FaultProfile.ShouldRetryHeader.TRUE).build());
        assertThat(http.postMessages(Requests.simple(false)).headers().firstValue("x-should-retry")).hasValue("true");

        simulator.setFaults(FaultProfile.NONE);
        assertThat(http.postMessages(Requests.simple(false)).headers().firstValue("x-should-retry")).isEmpty();
    }

    @Test
    void statesTheRateLimitWaitInMillisecondsSecondsOrBoth() {
        var limited = FaultProfile.builder().rate429(1.0).retryAfter(Duration.ofMillis(1_250));
        start(limited.retryAfterFormat(FaultProfile.RetryAfterFormat.MILLIS).build());
        var millis = http.postMessages(Requests.simple(false));
        assertThat(millis.headers().firstValue("retry-after-ms")).hasValue("1250");
        assertThat(millis.headers().firstValue("retry-after")).isEmpty();

        simulator.setFaults(limited.retryAfterFormat(FaultProfile.RetryAfterFormat.BOTH).build());
        var both = http.postMessages(Requests.simple(false));
        assertThat(both.headers().firstValue("retry-after-ms")).hasValue("1250");
        assertThat(both.headers().firstValue("retry-after")).hasValue("2");
    }

    @Test
    void theAdminApiSetsTheNewFaultKindsAndHeaders() {
        start(FaultProfile.NONE);

        var response = http.put("/admin/faults", "{\"rate_403\":0.25,\"rate_429_usage_limit\":0.5,"
                + "\"x_should_retry\":false,\"retry_after_format\":\"both\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var faults = simulator.faults();
        assertThat(faults.rate(ErrorFault.PERMISSION_403)).isEqualTo(0.25);
        assertThat(faults.rate(ErrorFault.USAGE_LIMIT_429)).isEqualTo(0.5);
        assertThat(faults.rate(ErrorFault.NOT_FOUND_404)).isZero();
        assertThat(faults.shouldRetryHeader()).isEqualTo(FaultProfile.ShouldRetryHeader.FALSE);
        assertThat(faults.retryAfterFormat()).isEqualTo(FaultProfile.RetryAfterFormat.BOTH);
        var shown = Json.parse(http.get("/admin/faults").body());
        assertThat(shown.get("rate_403").asDouble()).isEqualTo(0.25);
        assertThat(shown.get("rate_401").asDouble()).isZero();
        assertThat(shown.get("x_should_retry").asBoolean(true)).isFalse();
        assertThat(shown.get("retry_after_format").asText()).isEqualTo("both");
    }

    @Test
    void theAdminApiRefusesBadValuesForTheNewFieldsAllAtOnce() {
        start(FaultProfile.NONE);

        var response = http.put("/admin/faults",
                "{\"rate_401\":2,\"x_should_retry\":\"no\",\"retry_after_format\":\"minutes\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("detail").asText())
                .contains("rate_401 must be a number between 0 and 1, but was 2")
                .contains("x_should_retry must be true, false or null (no header), but was \"no\"")
                .contains("retry_after_format must be \"seconds\", \"millis\" or \"both\", but was \"minutes\"");
        assertThat(simulator.faults()).isEqualTo(FaultProfile.NONE);
    }
}
