package dev.mainstay.sim.internal;

import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.util.BufferUtil;

/**
 * What the servlet API cannot say: close a connection abruptly mid-response (so the client sees a cut, not a clean
 * end), and notice that a client has gone away. Both reach through to Jetty 12's request behind the servlet one.
 */
public final class Connections {
    private Connections() {}

    /**
     * Closes the connection under the exchange: whatever was flushed stays delivered, nothing more is sent, and
     * the client sees the connection end mid-response. (Closing the endpoint rather than aborting the servlet
     * channel keeps Javalin's own response completion quiet; it simply finds the connection gone.)
     */
    public static void abort(Context ctx) {
        var request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getServletChannel().getEndPoint().close();
        }
    }

    /**
     * Whether the client has closed its side of the connection, checked without blocking. Only for a request
     * whose body has been read and that is not being answered (a hang): any byte still pending is consumed.
     */
    public static boolean isClientGone(Context ctx) {
        var request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return false;
        }
        var endPoint = request.getServletChannel().getEndPoint();
        if (!endPoint.isOpen()) {
            return true;
        }
        try {
            return endPoint.fill(BufferUtil.allocate(64)) < 0;
        } catch (IOException e) {
            return true;
        }
    }
}
