package org.integrationhub.rest.internal;

import org.integrationhub.rest.json.Problem;
import org.integrationhub.rest.spi.TokenAuthenticator;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.integrationhub.security.HubPrincipal;

/**
 * Authenticates a request from {@code X-API-Key: <key>} or {@code Authorization: Bearer <token>} by asking each
 * {@link TokenAuthenticator}; puts the {@link HubPrincipal} in the request property {@link #PRINCIPAL} and the
 * security context. Missing or invalid credentials → 401 with {@code WWW-Authenticate} (RFC 6750).
 */
final class AuthenticationFilter implements ContainerRequestFilter {

    /** Request property holding the authenticated {@link HubPrincipal}. */
    static final String PRINCIPAL = "org.integrationhub.rest.principal";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String REALM = "integration-hub";
    private static final String BEARER = "bearer ";
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final List<TokenAuthenticator> authenticators;

    /** @param authenticators asked in order; may be a live list (e.g. a CopyOnWriteArrayList) that changes later */
    AuthenticationFilter(List<TokenAuthenticator> authenticators) {
        this.authenticators = authenticators;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String apiKey = request.getHeaderString(API_KEY_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = null;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            bearer = authorization.substring(BEARER.length()).trim();
        }
        if (apiKey != null && bearer != null) {
            request.abortWith(Problem.status(400, "Send one credential: X-API-Key or Authorization: Bearer, not both")
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge("invalid_request")).build());
            return;
        }
        String token = apiKey != null ? apiKey.trim() : bearer;
        if (token == null) {
            request.abortWith(Problem.status(401, "Authentication required: send X-API-Key or Authorization: Bearer")
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge(null)).build());
            return;
        }
        Optional<HubPrincipal> principal = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? Optional.empty()
                : authenticate(token);
        if (principal.isEmpty()) {
            request.abortWith(Problem.status(401, "The credential is invalid, expired or revoked")
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge("invalid_token")).build());
            return;
        }
        HubPrincipal p = principal.get();
        request.setProperty(PRINCIPAL, p);
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new HubSecurityContext(p, secure));
    }

    private Optional<HubPrincipal> authenticate(String token) {
        for (TokenAuthenticator authenticator : authenticators) {
            Optional<HubPrincipal> principal = authenticator.authenticate(token);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }

    /** @return a Bearer challenge with the realm and, if given, an RFC 6750 error code */
    static String challenge(String error) {
        return error == null ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"" + error + "\"";
    }

    /** The security context of an authenticated request. */
    private record HubSecurityContext(HubPrincipal principal, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal::clientId;
        }

        @Override
        public boolean isUserInRole(String role) {
            return principal.hasScope(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
