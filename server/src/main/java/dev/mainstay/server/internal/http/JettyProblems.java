package dev.mainstay.server.internal.http;

import dev.mainstay.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problems for what Jetty refuses before a route sees it — a malformed URI, headers or URI too large — so those are
 * RFC 9457 problems too, not an HTML page.
 */
final class JettyProblems extends ErrorHandler {
    static Problem problemFor(int status) {
        var type = switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            default -> status >= 400 && status < 500 ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL;
        };
        var detail = switch (type) {
            case INVALID_REQUEST -> "the request is not valid HTTP (a malformed URI or header)";
            case INTERNAL -> "the request failed on our side";
            default -> type.title();
        };
        return Problem.of(type, detail);
    }

    private static byte[] body(int status, String path) {
        return Json.write(problemFor(status).toJson(path)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        var problem = problemFor(code);
        response.setStatus(problem.type().status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, request.getHttpURI().getPath())), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, ""));
    }
}
