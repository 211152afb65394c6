package dev.mainstay.reliability;

import static dev.mainstay.reliability.testing.Fixtures.headers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Spend limits and empty balances are told apart from rate limits by structure first, then by the API's wordings. */
class SpendLimitClassificationTest {
    private final FakeClock clock = new FakeClock();
    private final RetryClassifier classifier = new RetryClassifier(clock);
    private final Deadline deadline = Deadline.after(Duration.ofMinutes(5), clock);

    private static ModelApiException error(int status, ApiErrorType type, String message, ResponseHeaders headers,
            String detailCode) {
        return new ModelApiException(status, type, message, headers, "req_1", false, false, detailCode);
    }

    private RetryDecision classify(ModelApiException e) {
        return classifier.classify(e, deadline);
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            429 | rate_limit_error      | You have reached your specified API usage limits. You will regain access on 2027-01-01 at 00:00 UTC.
            400 | invalid_request_error | You have reached your specified API usage limits. You will regain access on 2027-01-01 at 00:00 UTC.
            400 | invalid_request_error | You have reached your specified workspace API usage limits. You will regain access on 2027-01-01 at 00:00 UTC.
            400 | invalid_request_error | Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.
            429 | rate_limit_error      | Your organization has reached its spend limit for this month.
            """)
    void eachDocumentedWordingIsASpendLimitNeverRetried(int status, String type, String message) {
        var decision = classify(error(status, ApiErrorType.of(type), message, ResponseHeaders.EMPTY, ""));

        assertThat(decision).isEqualTo(new RetryDecision.NotRetryable(FailureKind.SPEND_LIMIT, "spend_limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"enforced_spend_limit_reached", "credit_balance_too_low"})
    void aDetailCodeSaysSoWhateverTheWording(String detailCode) {
        var decision = classify(error(429, ApiErrorType.RATE_LIMIT, "Request blocked.", ResponseHeaders.EMPTY,
                detailCode));

        assertThat(decision).isEqualTo(new RetryDecision.NotRetryable(FailureKind.SPEND_LIMIT, "spend_limit"));
    }

    @Test
    void billingByTypeOrStatusIsASpendLimit() {
        assertThat(classifier.kind(error(400, ApiErrorType.BILLING, "x", ResponseHeaders.EMPTY, "")))
                .isEqualTo(FailureKind.SPEND_LIMIT);
        assertThat(classifier.kind(error(402, ApiErrorType.of("payment_required"), "x", ResponseHeaders.EMPTY, "")))
                .isEqualTo(FailureKind.SPEND_LIMIT);
    }

    @Test
    void anOrdinaryRateLimitIsRetriedWithItsHint() {
        var decision = classify(error(429, ApiErrorType.RATE_LIMIT, "This request would exceed your organization's "
                + "rate limit of 50 requests per minute.", headers("retry-after", "20"), ""));

        assertThat(decision).isEqualTo(new RetryDecision.Retryable(FailureKind.RATE_LIMITED,
                java.util.Optional.of(Duration.ofSeconds(20))));
    }

    @Test
    void theServersHeaderOutranksTheWording() {
        var usageLimit = "You have reached your specified API usage limits.";

        var yes = classify(error(429, ApiErrorType.RATE_LIMIT, usageLimit, headers("x-should-retry", "true"), ""));
        var no = classify(error(429, ApiErrorType.RATE_LIMIT, "Slow down.", headers("x-should-retry", "false"), ""));

        assertThat(yes.isRetryable()).isTrue();
        assertThat(yes.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(no).isEqualTo(new RetryDecision.NotRetryable(FailureKind.RATE_LIMITED, "server_said_no_retry"));
    }

    @Test
    void aStructuredSpendLimitOutranksTheHeader() {
        var decision = classify(error(429, ApiErrorType.RATE_LIMIT, "blocked", headers("x-should-retry", "true"),
                "enforced_spend_limit_reached"));

        assertThat(decision).isEqualTo(new RetryDecision.NotRetryable(FailureKind.SPEND_LIMIT, "spend_limit"));
    }

    @Test
    void aServerErrorThatMentionsBillingIsStillAServerError() {
        assertThat(classifier.kind(error(500, ApiErrorType.API_ERROR, "the billing service timed out",
                ResponseHeaders.EMPTY, ""))).isEqualTo(FailureKind.SERVER_ERROR);
    }
}
