package dev.mainstay.bench.harness;

import java.util.Locale;

/** Writes one flat-or-nested JSON object without a JSON library (the harness is JDK only). Not thread-safe. */
final class JsonLine {
    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    JsonLine field(String name, String value) {
        return raw(name, value == null ? "null" : CannedReplies.quote(value));
    }

    JsonLine field(String name, long value) {
        return raw(name, Long.toString(value));
    }

    JsonLine field(String name, double value) {
        return raw(name, Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null");
    }

    JsonLine field(String name, JsonLine nested) {
        return raw(name, nested.toString());
    }

    private JsonLine raw(String name, String json) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append(CannedReplies.quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
