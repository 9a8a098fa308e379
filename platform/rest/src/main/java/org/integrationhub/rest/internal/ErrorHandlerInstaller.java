package org.integrationhub.rest.internal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.osgi.service.component.annotations.Component;

/**
 * Installs {@link ProblemErrorHandler} as the Jetty server's error handler. Pax Web tracks
 * {@code org.eclipse.jetty.server.Handler} services and adds them to the server it runs (restarting it once when
 * one arrives); when that server starts this handler, it replaces the server's HTML error handler. It handles no
 * request itself: every request passes on to the servlet contexts.
 * <p>
 * The restart drops the servlets registered so far and registers them again a moment later. The class name sorts
 * before {@link HubApiServlet}'s on purpose: Declarative Services registers this bundle's components in the order of
 * its Service-Component header (alphabetical), so the restart is queued before the API servlet is registered, and
 * {@code /api/v1/health} never answers from the server that is about to be replaced.
 */
@Component(service = Handler.class)
public class ErrorHandlerInstaller extends AbstractHandler {

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Server server = getServer();
        if (server != null && !(server.getErrorHandler() instanceof ProblemErrorHandler)) {
            ProblemErrorHandler problems = new ProblemErrorHandler();
            problems.setServer(server); // before the running server starts it as a bean; a started one refuses a server
            server.setErrorHandler(problems);
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        // not a request handler: the servlets answer
    }
}
