package org.integrationhub.oauth2.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.integrationhub.oauth2.internal.store.AuthorizationCode;
import org.integrationhub.oauth2.internal.store.CodeStore;
import org.integrationhub.oauth2.internal.store.ConsentStore;

/**
 * The authorization endpoint's decisions after validation: log the user in, apply remembered consent, issue the
 * authorization code and build the redirect (with {@code iss}, RFC 9207).
 */
public final class AuthorizationService {

    private final UserAuthenticator users;
    private final ConsentStore consents;
    private final CodeStore codes;
    private final LoginTicket tickets;
    private final OAuth2Settings settings;
    private final Clock clock;

    public AuthorizationService(UserAuthenticator users, ConsentStore consents, CodeStore codes, SigningKeys keys,
            OAuth2Settings settings, Clock clock) {
        this.users = users;
        this.consents = consents;
        this.codes = codes;
        this.tickets = new LoginTicket(keys, clock);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Logs the user in for this request.
     *
     * @return the login ticket for the consent form; empty for wrong credentials
     * @throws AuthorizationException access_denied if the user may hold none of the requested scopes
     */
    public Optional<Login> login(AuthorizationRequest request, String username, char[] password) {
        Optional<UserAuthenticator.User> user = users.authenticate(username, password);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Set<String> scopes = scopesFor(user.get(), request.scopes());
        if (scopes.isEmpty()) {
            throw AuthorizationException.redirect("access_denied", "the user may not grant the requested scopes",
                    request.redirectUri(), request.state());
        }
        String name = user.get().name();
        return Optional.of(new Login(name, scopes, tickets.issue(name, ticketParams(request, scopes)),
                consents.hasConsent(name, request.client().id(), scopes)));
    }

    /** @return the user the ticket was issued to for this request and scope set */
    public Optional<String> verifyTicket(String ticket, AuthorizationRequest request, Set<String> scopes) {
        return tickets.verify(ticket, ticketParams(request, scopes));
    }

    /** Remembers the consent, then issues the code. @return the success redirect URL */
    public String consent(String user, AuthorizationRequest request, Set<String> scopes) {
        consents.grant(user, request.client().id(), scopes, clock.instant());
        return issueCode(user, request, scopes);
    }

    /** @return the success redirect URL with a new authorization code */
    public String issueCode(String user, AuthorizationRequest request, Set<String> scopes) {
        String code = Secrets.newToken();
        Instant now = clock.instant();
        codes.insert(new AuthorizationCode(Secrets.sha256Hex(code), request.client().id(), user,
                request.redirectUriParam(), scopes, request.codeChallenge(), now.plus(settings.codeLifetime()), null,
                null));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        return redirect(request.redirectUri(), params, request.state());
    }

    /** @return the error redirect URL (RFC 6749 §4.1.2.1 + RFC 9207 iss) */
    public String errorRedirect(AuthorizationException e) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", e.error());
        params.put("error_description", e.getMessage());
        return redirect(e.redirectUri(), params, e.state());
    }

    private String redirect(String base, Map<String, String> params, String state) {
        if (state != null) {
            params.put("state", state);
        }
        params.put("iss", settings.issuer());
        StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
        params.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    private Set<String> scopesFor(UserAuthenticator.User user, Set<String> requested) {
        Set<String> result = new TreeSet<>(requested);
        if (!user.roles().contains(settings.adminRole())) {
            result.remove("admin");
        }
        return result;
    }

    private static Map<String, String> ticketParams(AuthorizationRequest request, Set<String> scopes) {
        Map<String, String> p = new LinkedHashMap<>(request.params());
        p.put("#granted_scopes", String.join(" ", new TreeSet<>(scopes)));
        return p;
    }

    /** A successful login: the scopes the user can grant, the ticket for the consent form, whether consent exists. */
    public record Login(String user, Set<String> scopes, String ticket, boolean consented) {
    }
}
