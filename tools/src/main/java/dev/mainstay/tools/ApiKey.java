package dev.mainstay.tools;

import java.util.Objects;

/**
 * A credential for an outside service. Its {@link #toString()} never shows the value, so an {@code ApiKey} can sit in
 * records, configuration dumps and exception messages without leaking; only {@link #reveal()} returns it, and only
 * the code that puts it on the wire calls that.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Surrounding whitespace is dropped. A key must be printable ASCII without spaces, so it is always a valid
     * HTTP header value.
     *
     * @throws IllegalArgumentException when the value is blank or has other characters (the message never contains
     *     the value)
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        var stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        if (stripped.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("an API key must be printable ASCII without spaces");
        }
        return new ApiKey(stripped);
    }

    /** The secret itself, for the HTTP header that carries it. Never log or format the returned string. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
