package dev.mainstay.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a bare socket, for what higher-level clients hide: the exact bytes a server sent before it closed
 * the connection. Reads until the server closes, or a chunked body ends (or 20 s pass).
 */
final class RawHttp {
    private RawHttp() {}

    /** Sends one keep-alive POST and returns everything received, headers included. */
    static String post(Simulator simulator, String path, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + simulator.port() + "\r\n"
                + "x-api-key: " + SimHttp.KEY + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        try (var socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            var received = new ByteArrayOutputStream();
            var in = socket.getInputStream();
            var buffer = new byte[4096];
            int read;
            try {
                while ((read = in.read(buffer)) != -1) {
                    received.write(buffer, 0, read);
                    if (endedCleanly(received.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // a reset after the data is still the end of the response
            }
            return received.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a chunked response as received, chunk framing removed; fails if the framing is broken. */
    static String dechunk(String raw) {
        var body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        var result = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            var chunk = body.substring(start, Math.min(body.length(), start + size));
            result.append(chunk);
            at = start + size + 2;
        }
        return result.toString();
    }

    /** Whether a chunked response ended properly, with the zero-length last chunk. */
    static boolean endedCleanly(String raw) {
        return raw.endsWith("\r\n0\r\n\r\n");
    }
}
