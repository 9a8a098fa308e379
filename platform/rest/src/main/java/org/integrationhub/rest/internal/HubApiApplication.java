package org.integrationhub.rest.internal;

import org.integrationhub.rest.spi.TokenAuthenticator;

import java.util.Collection;
import java.util.List;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketService;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.Database;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.security.RateLimitService;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * Assembles the REST API: resource instances built with their services, the size, authentication, rate-limit and
 * scope filters, HubJson as the one JSON mapper, and one exception mapper that turns every error into
 * problem+json. No classpath scanning; no Jackson exception mappers.
 */
public final class HubApiApplication {

    private HubApiApplication() {
    }

    /**
     * @param tickets the helpdesk core
     * @param database the hub database (for the health check)
     * @param apiKeys checks {@code X-API-Key} and Bearer API keys
     * @param rateLimits per-client quotas
     * @param maxRequestBytes largest accepted request body
     * @return the application, ready for a Jersey container
     */
    public static ResourceConfig create(TicketService tickets, Database database, ApiKeyService apiKeys,
            RateLimitService rateLimits, long maxRequestBytes) {
        return create(tickets, database, List.<TokenAuthenticator>of(apiKeys::authenticate), rateLimits, maxRequestBytes,
                List.of());
    }

    /** As above, with an explicit list of authenticators, asked in order (API keys, later OAuth2 tokens). */
    static ResourceConfig create(TicketService tickets, Database database, List<TokenAuthenticator> authenticators,
            RateLimitService rateLimits, long maxRequestBytes) {
        return create(tickets, database, authenticators, rateLimits, maxRequestBytes, List.of());
    }

    /**
     * As above, plus the resources other bundles contribute; no customer service (its resource answers nothing).
     *
     * @param authenticators asked in order; may be a live list
     * @param contributed {@link ApiResource} objects registered by other bundles
     */
    static ResourceConfig create(TicketService tickets, Database database, List<TokenAuthenticator> authenticators,
            RateLimitService rateLimits, long maxRequestBytes, Collection<ApiResource> contributed) {
        return create(tickets, null, database, authenticators, rateLimits, maxRequestBytes, contributed);
    }

    /**
     * As above, with the customers.
     *
     * @param customers the helpdesk's customers ({@code /v1/customers})
     */
    static ResourceConfig create(TicketService tickets, CustomerService customers, Database database,
            List<TokenAuthenticator> authenticators, RateLimitService rateLimits, long maxRequestBytes,
            Collection<ApiResource> contributed) {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("integration-hub-api");
        config.register(new JacksonJsonProvider(HubJson.mapper()));
        config.register(new ProblemExceptionMapper());
        config.register(new RequestSizeFilter(maxRequestBytes));
        config.register(new SecurityFeature(authenticators, rateLimits));
        config.register(new JsonContentTypeFilter());
        config.register(new HealthResource(database));
        config.register(new OpenApiResource());
        config.register(new TicketResource(tickets));
        config.register(new CustomerResource(customers));
        config.register(new CommentResource(tickets));
        config.register(new RatingResource(tickets));
        config.register(new TicketEventResource(tickets));
        config.register(new MetricsResource(tickets));
        for (ApiResource resource : contributed) {
            config.register(resource);
        }
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        return config;
    }
}
