package org.integrationhub.rest.internal;

import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.rest.spi.TokenAuthenticator;

import java.lang.reflect.Method;
import java.util.List;

import javax.ws.rs.Priorities;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;

import org.integrationhub.security.RateLimitService;
import org.integrationhub.security.Scopes;

/**
 * Binds, per resource method, authentication (priority AUTHENTICATION), rate limiting (just after it, so refused
 * requests still count) and the scope check (AUTHORIZATION). {@link PublicEndpoint} methods get none of them;
 * methods without {@link RequiresScope} need {@code admin}.
 */
final class SecurityFeature implements DynamicFeature {

    private final AuthenticationFilter authentication;
    private final RateLimitFilter rateLimit;

    SecurityFeature(List<TokenAuthenticator> authenticators, RateLimitService rateLimits) {
        this.authentication = new AuthenticationFilter(authenticators);
        this.rateLimit = new RateLimitFilter(rateLimits);
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        if (method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(PublicEndpoint.class)) {
            return;
        }
        RequiresScope required = method.getAnnotation(RequiresScope.class);
        if (required == null) {
            required = type.getAnnotation(RequiresScope.class);
        }
        context.register(authentication, Priorities.AUTHENTICATION);
        context.register(rateLimit, Priorities.AUTHENTICATION + 100);
        context.register(new ScopeFilter(required == null ? Scopes.ADMIN : required.value()), Priorities.AUTHORIZATION);
    }
}
