package org.integrationhub.spi;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability of an {@link IntegrationInterface} service: it receives HTTP requests its remote system sends
 * to the hub (Slack slash commands, webhooks of a ticketing system). The connector implements this interface on the
 * same object it registers as {@link IntegrationInterface}; it registers no servlet and needs no web API.
 *
 * <p><b>Routing.</b> The platform serves {@code /integrations/{type}/{path}}, where {@code type} is the instance's
 * {@link IntegrationDescriptor#type()} and {@code path} one of {@link #inboundPaths()}. When several instances of
 * one type are present (two Slack workspaces), the platform asks them one after the other, in a stable order
 * (service ranking, then service id); an instance that cannot authenticate the request (signed for another
 * instance, or not signed) answers {@code 401} and the next one is asked. The first answer other than 401 goes to
 * the client; if every instance answers 401, the client gets 401.
 *
 * <p><b>Contract.</b> {@link #handle} authenticates the request from its raw bytes <em>before</em> parsing it,
 * answers within the remote system's time limit (Slack: 3 seconds) and hands slower work to
 * {@link IntegrationContext#scheduler()}. It never throws for an expected failure: bad input → 4xx response. The
 * platform bounds the body size and answers unexpected exceptions with 500 problem+json.
 *
 * @since 0.1.0
 */
@ConsumerType
public interface InboundHandler {

    /**
     * @return the paths this instance serves below {@code /integrations/{type}/}, without leading slash, e.g.
     *         {@code "commands"}; constant for the life of the service
     */
    Set<String> inboundPaths();

    /**
     * Handles one request.
     *
     * @param request the request, body fully read
     * @return the answer; {@link InboundResponse#unauthorized(String)} when the request is not for this instance
     */
    InboundResponse handle(InboundRequest request);
}
