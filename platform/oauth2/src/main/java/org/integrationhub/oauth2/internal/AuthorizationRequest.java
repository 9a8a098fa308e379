package org.integrationhub.oauth2.internal;

import java.util.Map;
import java.util.Set;

/**
 * A validated authorization request (RFC 6749 §4.1.1 with RFC 7636).
 *
 * @param client the client
 * @param redirectUri where the response goes: the redirect_uri parameter, or the only registered URI if none was sent
 * @param redirectUriParam the redirect_uri parameter as sent, or null (then the token request must omit it too)
 * @param state the state parameter, or null
 * @param scopes the requested (or default) scopes, all allowed for the client
 * @param codeChallenge the S256 code challenge
 * @param params the request's parameters, to carry through the login and consent forms
 */
public record AuthorizationRequest(OAuthClient client, String redirectUri, String redirectUriParam, String state,
        Set<String> scopes, String codeChallenge, Map<String, String> params) {
}
