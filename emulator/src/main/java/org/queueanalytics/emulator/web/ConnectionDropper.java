package org.queueanalytics.emulator.web;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Closes the TCP connection of the current request without writing any answer, like a proxy
 * or load balancer dying mid-request. Jetty-specific: reaches the connection's end point
 * through the core request behind the servlet request.
 */
final class ConnectionDropper {
    private ConnectionDropper() {
    }

    /** Closes the connection, then throws so that no handler writes to it. */
    static DroppedConnection drop(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        return new DroppedConnection();
    }

    /** Signals, through the handler chain, that the connection is gone and nothing may be written. */
    static final class DroppedConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("connection dropped on purpose (fault injection)", null, false, false);
        }
    }
}
