package dev.mainstay.reliability;

import static dev.mainstay.reliability.testing.Fixtures.apiError;
import static dev.mainstay.reliability.testing.Fixtures.apiErrorSaying;
import static dev.mainstay.reliability.testing.Fixtures.headers;
import static dev.mainstay.reliability.testing.Fixtures.overloaded;
import static dev.mainstay.reliability.testing.Fixtures.overloadedInStream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelCancelledException;
import dev.mainstay.model.ModelConnectionException;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelTimeoutException;
import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Deadline;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryClassifierTest {
    private final FakeClock clock = new FakeClock();
    private final RetryClassifier classifier = new RetryClassifier(clock);
    private final Deadline deadline = Deadline.after(Duration.ofMinutes(5), clock);

    private RetryDecision classify(ModelException e) {
        return classifier.classify(e, deadline);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504, 529, 408})
    void transientStatusesAreRetryable(int status) {
        assertThat(classify(apiError(status, ApiErrorType.API_ERROR)).isRetryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void clientErrorsAreNeverRetried(int status) {
        var decision = classify(apiError(status, ApiErrorType.INVALID_REQUEST));
        assertThat(decision).isEqualTo(new RetryDecision.NotRetryable(FailureKind.CLIENT_ERROR, "client_error"));
    }

    @Test
    void spendLimitRateLimitIsNeverRetriedWhetherTypeOrMessageSaysSo() {
        var byMessage = apiErrorSaying(429, ApiErrorType.RATE_LIMIT, "enforced_spend_limit_reached: monthly cap");
        var byType = apiErrorSaying(400, ApiErrorType.of("billing_error"), "add credits");
        assertThat(classify(byMessage)).isEqualTo(new RetryDecision.NotRetryable(FailureKind.SPEND_LIMIT, "spend_limit"));
        assertThat(classify(byType).kind()).isEqualTo(FailureKind.SPEND_LIMIT);
        assertThat(classify(byType).isRetryable()).isFalse();
    }

    @Test
    void overloadedErrorInsideAStreamIsRetryableWhenNothingWasDelivered() {
        assertThat(classify(overloadedInStream(false)))
                .isEqualTo(new RetryDecision.Retryable(FailureKind.OVERLOADED, Optional.empty()));
    }

    @Test
    void anyFailureAfterContentWasDeliveredIsNotRetryable() {
        assertThat(classify(overloadedInStream(true)))
                .isEqualTo(new RetryDecision.NotRetryable(FailureKind.OVERLOADED, "content_delivered"));
        assertThat(classify(new ModelConnectionException("reset", true, null)).isRetryable()).isFalse();
    }

    @Test
    void shouldRetryHeaderFalseWinsOverARetryableStatus() {
        var decision = classify(overloaded("x-should-retry", "false"));
        assertThat(decision).isEqualTo(new RetryDecision.NotRetryable(FailureKind.OVERLOADED, "server_said_no_retry"));
    }

    @Test
    void shouldRetryHeaderTrueMakesAConflictRetryable() {
        assertThat(classify(apiError(409, ApiErrorType.API_ERROR, "x-should-retry", "true")).isRetryable()).isTrue();
    }

    @Test
    void connectionFailuresAndTimeoutsWithTimeLeftAreRetryable() {
        assertThat(classify(new ModelConnectionException("refused", false, null)).kind()).isEqualTo(FailureKind.CONNECTION);
        assertThat(classify(new ModelConnectionException("refused", false, null)).isRetryable()).isTrue();
        assertThat(classify(new ModelTimeoutException(Duration.ofSeconds(30), false, null)).isRetryable()).isTrue();
    }

    @Test
    void aTimeoutAfterTheRunDeadlineIsNotRetryable() {
        clock.advance(Duration.ofMinutes(6));
        assertThat(classify(new ModelTimeoutException(Duration.ofSeconds(30), false, null)))
                .isEqualTo(new RetryDecision.NotRetryable(FailureKind.TIMEOUT, "deadline_expired"));
    }

    @Test
    void cancellationsAreNeverRetried() {
        assertThat(classify(new ModelCancelledException(false)))
                .isEqualTo(new RetryDecision.NotRetryable(FailureKind.CANCELLED, "cancelled"));
    }

    @Test
    void readsRetryAfterMsBeforeRetryAfter() {
        var decision = classify(apiError(429, ApiErrorType.RATE_LIMIT, "retry-after-ms", "1500.5", "retry-after", "9"));
        assertThat(decision).isEqualTo(new RetryDecision.Retryable(
                FailureKind.RATE_LIMITED, Optional.of(Duration.ofNanos(1_500_500_000L))));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(classifier.serverHint(headers("retry-after", "7"))).contains(Duration.ofSeconds(7));
        // FakeClock starts at 2026-01-01T00:00:00Z
        assertThat(classifier.serverHint(headers("retry-after", "Thu, 01 Jan 2026 00:00:42 GMT")))
                .contains(Duration.ofSeconds(42));
    }

    @Test
    void readsTheResetOfTheExhaustedRateLimit() {
        var hint = classifier.serverHint(headers(
                "anthropic-ratelimit-requests-remaining", "12",
                "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:05Z",
                "anthropic-ratelimit-input-tokens-remaining", "0",
                "anthropic-ratelimit-input-tokens-reset", "2026-01-01T00:00:20Z"));
        assertThat(hint).contains(Duration.ofSeconds(20));
    }

    @Test
    void ignoresUnreadableHintsAndTreatsPastInstantsAsZero() {
        assertThat(classifier.serverHint(headers("retry-after", "soon"))).isEmpty();
        assertThat(classifier.serverHint(headers("retry-after", "Wed, 31 Dec 2025 23:00:00 GMT"))).contains(Duration.ZERO);
        assertThat(classifier.serverHint(headers("retry-after-ms", "-5"))).isEmpty();
    }

    @Test
    void breakersCountProviderTroubleOnly() {
        assertThat(classifier.kind(overloaded()).indicatesProviderTrouble()).isTrue();
        assertThat(classifier.kind(apiError(500, ApiErrorType.API_ERROR)).indicatesProviderTrouble()).isTrue();
        assertThat(classifier.kind(apiError(400, ApiErrorType.INVALID_REQUEST)).indicatesProviderTrouble()).isFalse();
        assertThat(classifier.kind(apiError(429, ApiErrorType.RATE_LIMIT)).indicatesProviderTrouble()).isFalse();
    }
}
