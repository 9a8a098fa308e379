package org.integrationhub.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;

import org.integrationhub.rest.json.Problem;
import org.integrationhub.security.HubPrincipal;

/** Refuses an authenticated request whose principal lacks the method's scope: 403 insufficient_scope (RFC 6750). */
final class ScopeFilter implements ContainerRequestFilter {

    private final String scope;

    ScopeFilter(String scope) {
        this.scope = scope;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        HubPrincipal principal = (HubPrincipal) request.getProperty(AuthenticationFilter.PRINCIPAL);
        if (principal == null || !principal.hasScope(scope)) {
            request.abortWith(Problem.status(403, "This operation requires the scope " + scope)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + AuthenticationFilter.REALM
                            + "\", error=\"insufficient_scope\", scope=\"" + scope + "\"")
                    .build());
        }
    }
}
