package org.integrationhub.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;

import org.integrationhub.rest.json.Problem;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.RateLimitDecision;
import org.integrationhub.security.RateLimitService;

/**
 * Runs after authentication: takes a permit for the client, refuses with 429 (problem+json, {@code Retry-After})
 * when none is left, and adds {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} to
 * every response of an authenticated, limited client.
 */
final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = "org.integrationhub.rest.ratelimit";

    private final RateLimitService rateLimits;

    RateLimitFilter(RateLimitService rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        HubPrincipal principal = (HubPrincipal) request.getProperty(AuthenticationFilter.PRINCIPAL);
        if (principal == null) {
            return;
        }
        RateLimitDecision decision = rateLimits.tryAcquire(principal);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(Problem.response(Problem.body(429, "rate-limited", "Too Many Requests",
                    "Rate limit of " + decision.limit() + " requests per minute exceeded; retry in "
                            + decision.retryAfterSeconds() + " seconds",
                    null)).header(HttpHeaders.RETRY_AFTER, decision.retryAfterSeconds()).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object value = request.getProperty(DECISION);
        if (value instanceof RateLimitDecision decision && !decision.isUnlimited()) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("RateLimit-Limit", decision.limit());
            headers.putSingle("RateLimit-Remaining", decision.remaining());
            headers.putSingle("RateLimit-Reset", decision.resetSeconds());
        }
    }
}
