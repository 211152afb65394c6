package dev.mainstay.openai;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events from a byte stream, as the HTML standard's event-stream format defines them: lines end
 * in LF, CRLF or CR; {@code data:} lines of one event are joined by LF; a blank line ends the event; comment lines
 * ({@code :…}) and unknown fields are skipped. Lenient where servers are sloppy: an event still pending when the
 * stream ends is returned. Not thread-safe; does not close the stream.
 */
final class SseReader {
    /** One event; {@code name} is empty when the server sent no {@code event:} line. */
    record Event(String name, String data) {}

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean skipLineFeed;

    SseReader(InputStream in, int maxLineBytes) {
        this.in = new BufferedInputStream(in);
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next event, or {@code null} at the end of the stream.
     *
     * @throws IOException when reading fails or a line is longer than the limit
     */
    Event next() throws IOException {
        var name = "";
        StringBuilder data = null;
        while (true) {
            var text = readLine();
            if (text == null) {
                return data == null ? null : new Event(name, data.toString());
            }
            if (text.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = "";
                continue;
            }
            if (text.startsWith(":")) {
                continue;
            }
            int colon = text.indexOf(':');
            var field = colon < 0 ? text : text.substring(0, colon);
            var value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> name = value;
                default -> { } // id, retry and unknown fields mean nothing to a one-shot completion stream
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b == -1) {
                return line.size() == 0 ? null : decode();
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return decode();
            }
            if (b == '\r') {
                skipLineFeed = true;
                return decode();
            }
            if (line.size() >= maxLineBytes) {
                throw new IOException("an event-stream line is longer than " + maxLineBytes + " bytes");
            }
            line.write(b);
        }
    }

    private String decode() {
        return line.toString(StandardCharsets.UTF_8);
    }
}
