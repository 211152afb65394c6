package dev.mainstay.tools.internal;

import java.net.URI;
import java.util.Objects;

/** Base-URL handling shared by the HTTP tools. */
public final class Urls {
    private Urls() {}

    /** {@code base} as text without a trailing slash, ready for {@code + "/path"}. */
    public static String withoutTrailingSlash(URI base) {
        Objects.requireNonNull(base, "base");
        var text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
