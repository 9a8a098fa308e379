package org.integrationhub.oauth2.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.integrationhub.api.ValidationException.FieldError;

/** Rules for client registrations (RFC 9700 §2.1, RFC 8252 §7). */
final class ClientValidation {

    private ClientValidation() {
    }

    static void grants(Set<String> grants, boolean publicClient, List<String> redirectUris, List<FieldError> errors) {
        if (grants == null || grants.isEmpty()) {
            errors.add(new FieldError("grant", "at least one grant is required: " + String.join(" ", OAuthClient.GRANT_TYPES)));
            return;
        }
        for (String g : grants) {
            if (!OAuthClient.GRANT_TYPES.contains(g)) {
                errors.add(new FieldError("grant", "unsupported grant '" + g + "'; allowed: "
                        + String.join(" ", OAuthClient.GRANT_TYPES) + " (no implicit, no password)"));
            }
        }
        if (publicClient && grants.contains(OAuthClient.CLIENT_CREDENTIALS)) {
            errors.add(new FieldError("grant", "a public client cannot use client_credentials: it has no secret"));
        }
        if (grants.contains(OAuthClient.AUTHORIZATION_CODE) && (redirectUris == null || redirectUris.isEmpty())) {
            errors.add(new FieldError("redirect-uri", "authorization_code needs at least one redirect URI"));
        }
        if (grants.contains(OAuthClient.REFRESH_TOKEN) && !grants.contains(OAuthClient.AUTHORIZATION_CODE)) {
            errors.add(new FieldError("grant", "refresh_token is only issued with authorization_code"));
        }
    }

    /** https, http on a loopback address (RFC 8252 §7.3), or a private-use scheme like com.example.app (§7.1). */
    static void redirectUri(String uri, List<FieldError> errors) {
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!u.isAbsolute() || u.getRawFragment() != null) {
                errors.add(new FieldError("redirect-uri", "'" + uri + "' must be an absolute URI without a fragment"));
            } else if (scheme.equals("http") && !OAuthClient.isLoopback(u.getHost())) {
                errors.add(new FieldError("redirect-uri", "'" + uri + "': http is only allowed for loopback "
                        + "(127.0.0.1, [::1], localhost); use https"));
            } else if (!scheme.equals("https") && !scheme.equals("http") && !scheme.contains(".")) {
                errors.add(new FieldError("redirect-uri", "'" + uri + "': use https, loopback http or a private-use "
                        + "scheme in reverse domain form (e.g. com.example.app:/callback)"));
            } else if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() == null) {
                errors.add(new FieldError("redirect-uri", "'" + uri + "' has no host"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("redirect-uri", "'" + uri + "' is not a valid URI"));
        }
    }
}
