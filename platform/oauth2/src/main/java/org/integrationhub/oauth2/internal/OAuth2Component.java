package org.integrationhub.oauth2.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;


import org.integrationhub.persistence.Database;
import org.integrationhub.security.HubPrincipal;
import org.integrationhub.rest.spi.TokenAuthenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth2 authorization server in the container: the {@link AuthorizationServer} built from this component's
 * configuration, registered (by DS) as that type — for the endpoints' servlets ({@code OAuth2Servlet},
 * {@code MetadataServlet}), {@link OAuth2AdminImpl} and the shell commands — and as the {@link TokenAuthenticator}
 * through which the REST API accepts the hub's JWT access tokens. Housekeeping runs on the shared scheduler.
 */
@Component(service = {AuthorizationServer.class, TokenAuthenticator.class}, configurationPid = OAuth2Component.PID,
        immediate = true)
@Designate(ocd = OAuth2Component.Config.class)
public class OAuth2Component extends AuthorizationServer implements TokenAuthenticator {

    static final String PID = "org.integrationhub.oauth2";

    @ObjectClassDefinition(name = "Integration Hub OAuth2 authorization server",
            description = "Issuer, token lifetimes and limits of the OAuth2 authorization server.")
    public @interface Config {
        @AttributeDefinition(name = "Issuer", description = "The hub's public base URL (scheme, host, port, no "
                + "trailing slash): the iss of tokens and the base of every endpoint in the metadata.")
        String issuer() default "http://127.0.0.1:8181";

        @AttributeDefinition(name = "Audience", description = "The aud of access tokens; empty = issuer + /api.")
        String audience() default "";

        @AttributeDefinition(name = "Access token lifetime (seconds)", min = "30")
        int accessTokenSeconds() default 600;

        @AttributeDefinition(name = "Refresh token lifetime (seconds)", min = "60")
        int refreshTokenSeconds() default 2_592_000;

        @AttributeDefinition(name = "Authorization code lifetime (seconds)", min = "10", max = "600")
        int authorizationCodeSeconds() default 60;

        @AttributeDefinition(name = "Maximum request body (bytes)", description = "Larger bodies get 413.", min = "1024")
        int maxRequestBytes() default 16_384;

        @AttributeDefinition(name = "Signing key encryption secret", type = AttributeType.PASSWORD,
                description = "If set, private signing keys are stored AES-256-GCM encrypted under it. Changing it "
                        + "makes existing keys unreadable: rotate keys after setting it first.")
        String keyEncryptionSecret() default "";

        @AttributeDefinition(name = "JAAS realm", description = "Where users log in at the authorization endpoint.")
        String realm() default "karaf";

        @AttributeDefinition(name = "Admin role", description = "The JAAS role a user needs to grant the admin scope.")
        String adminRole() default "admin";
    }

    private final Logger logger = LoggerFactory.getLogger(OAuth2Component.class);
    private final ScheduledFuture<?> housekeeping;

    @Activate
    public OAuth2Component(@Reference Database database,
            @Reference(target = "(hub.scheduler=shared)") ScheduledExecutorService scheduler, Config config) {
        super(database, settings(config), new JaasUserAuthenticator(config.realm(), null), Clock.systemUTC());
        start(scheduler); // a fresh hub's first key is generated off the activation path
        this.housekeeping = scheduler.scheduleWithFixedDelay(this::housekeepingQuietly, 30, 30, TimeUnit.SECONDS);
        logger.info("OAuth2 authorization server ready; issuer {}", settings().issuer());
    }

    private static OAuth2Settings settings(Config config) {
        return new OAuth2Settings(config.issuer(), config.audience(),
                Duration.ofSeconds(config.accessTokenSeconds()), Duration.ofSeconds(config.refreshTokenSeconds()),
                Duration.ofSeconds(config.authorizationCodeSeconds()), config.maxRequestBytes(),
                config.keyEncryptionSecret(), config.adminRole(), config.realm());
    }

    @Deactivate
    void deactivate() {
        housekeeping.cancel(false);
    }

    @Override
    public Optional<HubPrincipal> authenticate(String token) {
        return authenticateBearer(token);
    }

    private void housekeepingQuietly() {
        try {
            housekeeping();
        } catch (RuntimeException e) {
            logger.warn("OAuth2 housekeeping failed; retrying later: {}", e.toString());
        }
    }
}
