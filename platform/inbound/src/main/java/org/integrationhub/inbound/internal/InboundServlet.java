package org.integrationhub.inbound.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationInterface;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The one servlet for HTTP requests of remote systems to connectors: {@code /integrations/{type}/{path}} on the
 * HTTP whiteboard, dispatched by {@link InboundDispatcher} to the {@link IntegrationInterface} services that
 * implement {@code InboundHandler}. Bounds the body; every error is problem+json.
 */
@Component(service = Servlet.class, configurationPid = InboundServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/integrations/*",
        "osgi.http.whiteboard.servlet.name=integration-hub-inbound"})
@Designate(ocd = InboundServlet.Config.class)
public class InboundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "org.integrationhub.inbound";

    @ObjectClassDefinition(name = "Integration Hub connector inbound HTTP",
            description = "Requests of remote systems to connectors under /integrations.")
    public @interface Config {
        @AttributeDefinition(name = "Maximum request body (bytes)",
                description = "Larger request bodies are refused with 413.", min = "1")
        int maxRequestBytes() default 1_048_576;
    }

    private final transient InboundDispatcher dispatcher = new InboundDispatcher();
    private final int maxRequestBytes;

    @Activate
    public InboundServlet(Config config) {
        this.maxRequestBytes = config.maxRequestBytes();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIntegration(IntegrationInterface integration, Map<String, Object> props) {
        dispatcher.add(key(props), integration);
    }

    void removeIntegration(IntegrationInterface integration, Map<String, Object> props) {
        dispatcher.remove(key(props));
    }

    private static InboundDispatcher.Key key(Map<String, Object> props) {
        Object ranking = props.get(Constants.SERVICE_RANKING);
        return new InboundDispatcher.Key(ranking instanceof Integer r ? r : 0,
                ((Number) props.get(Constants.SERVICE_ID)).longValue());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String[] parts = info.startsWith("/") ? info.substring(1).split("/", 2) : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            write(resp, InboundResponse.problem(404, "Not Found", "no connector endpoint at this path"));
            return;
        }
        if (req.getContentLengthLong() > maxRequestBytes) {
            write(resp, tooLarge());
            return;
        }
        byte[] body = read(req.getInputStream());
        if (body == null) {
            write(resp, tooLarge());
            return;
        }
        InboundRequest request = new InboundRequest(req.getMethod(), parts[1], headers(req), body,
                req.getQueryString());
        write(resp, dispatcher.dispatch(parts[0], request));
    }

    private InboundResponse tooLarge() {
        return InboundResponse.problem(413, "Payload Too Large",
                "request bodies are limited to " + maxRequestBytes + " bytes");
    }

    /** @return the body, or null if it exceeds the limit */
    private byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxRequestBytes + 1);
        return body.length > maxRequestBytes ? null : body;
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        return headers;
    }

    private static void write(HttpServletResponse resp, InboundResponse r) throws IOException {
        resp.setStatus(r.status());
        r.headers().forEach(resp::setHeader);
        if (r.status() == 503) {
            resp.setHeader("Retry-After", "5");
        }
        byte[] body = r.body();
        if (r.contentType() != null) {
            resp.setContentType(r.contentType());
        }
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
