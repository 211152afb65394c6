package dev.mainstay.model;

import java.util.Objects;

/**
 * The provider's error type string ({@code error.type} in the Messages API error envelope), as an open enum:
 * an unknown value is kept, not rejected.
 */
public record ApiErrorType(String value) {
    public static final ApiErrorType INVALID_REQUEST = new ApiErrorType("invalid_request_error");
    public static final ApiErrorType AUTHENTICATION = new ApiErrorType("authentication_error");
    public static final ApiErrorType PERMISSION = new ApiErrorType("permission_error");
    public static final ApiErrorType NOT_FOUND = new ApiErrorType("not_found_error");
    public static final ApiErrorType REQUEST_TOO_LARGE = new ApiErrorType("request_too_large");
    public static final ApiErrorType RATE_LIMIT = new ApiErrorType("rate_limit_error");
    public static final ApiErrorType API_ERROR = new ApiErrorType("api_error");
    public static final ApiErrorType OVERLOADED = new ApiErrorType("overloaded_error");
    public static final ApiErrorType BILLING = new ApiErrorType("billing_error");
    public static final ApiErrorType UNKNOWN = new ApiErrorType("unknown");

    public ApiErrorType {
        Objects.requireNonNull(value, "value");
    }

    public static ApiErrorType of(String value) {
        return value == null || value.isBlank() ? UNKNOWN : new ApiErrorType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
