package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.rest.json.ProblemException;
import org.integrationhub.spi.VendorQuota;
import org.junit.jupiter.api.Test;

/**
 * A DELETE answers once the deleted instance has left the gateway's listing, as a GET right after it expects; a
 * POST's refusals follow the rule of every /api/v1 body (shape 400, values 422).
 */
class IntegrationResourceTest {

    @Test
    void aDeletionWaitsUntilTheConnectorServiceHasGoneButNotForever() {
        IntegrationRegistry registry = new IntegrationRegistry(new Deadlines());
        Gateway gateway = new Gateway(registry, Map::of, () -> null); // the configuration is deleted already
        FakeConnector leaving = new FakeConnector("ops", VendorQuota.UNLIMITED);
        registry.add(leaving, "test/1", "org.integrationhub.connector.fake");
        // Declarative Services disposes the service a moment after its configuration went
        CompletableFuture.runAsync(() -> registry.remove(leaving), CompletableFuture.delayedExecutor(150,
                TimeUnit.MILLISECONDS));

        long start = System.nanoTime();
        assertThat(IntegrationResource.awaitUnlisted(gateway, "ops", Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(4));
        assertThat(gateway.get("ops")).isEmpty();

        registry.add(new FakeConnector("stuck", VendorQuota.UNLIMITED), "test/1", "org.integrationhub.connector.fake");
        start = System.nanoTime();
        assertThat(IntegrationResource.awaitUnlisted(gateway, "stuck", Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
        assertThat(IntegrationResource.awaitUnlisted(gateway, "never-there", Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aCreationBodyIsCheckedBeforeTheConfigurationsAreAsked() {
        RefusingConfigurations configurations = new RefusingConfigurations();
        IntegrationResource resource = new IntegrationResource(null, configurations);

        ProblemException shape = catchThrowableOfType(ProblemException.class,
                () -> resource.create(body("{\"type\":\"http-notify\",\"name\":\"ops\",\"secrets\":{}}"), null));
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.errors()).extracting(FieldError::field).containsExactly("secrets");
        ValidationException missing = catchThrowableOfType(ValidationException.class,
                () -> resource.create(body("{\"type\":\"http-notify\"}"), null));
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("name");
        assertThat(configurations.created).isEmpty();
    }

    @Test
    void anInvalidConfigurationIsA422NamingItsKeysAsConfigMembers() {
        RefusingConfigurations configurations = new RefusingConfigurations();
        IntegrationResource resource = new IntegrationResource(null, configurations);

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> resource.create(
                body("{\"type\":\"http-notify\",\"name\":\"Bad\",\"config\":{\"quotaPerSecond\":\"many\"}}"), null));
        assertThat(e.errors()).containsExactly(new FieldError("config.quotaPerSecond", "must be a number"),
                new FieldError("name", "must match [a-z0-9][a-z0-9_-]*"));
        assertThat(configurations.created).containsExactly("http-notify/Bad {quotaPerSecond=many}");
    }

    private static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Records each creation asked for and refuses it as the real service refuses a bad value and name. */
    private static final class RefusingConfigurations implements IntegrationConfigurations {
        final List<String> created = new ArrayList<>();

        @Override
        public InstanceConfiguration create(String type, String name, Map<String, String> values) {
            created.add(type + "/" + name + " " + values);
            throw new ValidationException(List.of(new FieldError("quotaPerSecond", "must be a number"),
                    new FieldError("name", "must match [a-z0-9][a-z0-9_-]*")));
        }

        @Override
        public List<ConnectorType> types() {
            return List.of();
        }

        @Override
        public Optional<ConnectorType> type(String type) {
            return Optional.empty();
        }

        @Override
        public Optional<InstanceConfiguration> instance(String name) {
            return Optional.empty();
        }

        @Override
        public InstanceConfiguration update(String name, Map<String, String> values) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
