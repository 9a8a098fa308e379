package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.integrationhub.spi.VendorQuota;
import org.junit.jupiter.api.Test;

/** A DELETE answers once the deleted instance has left the gateway's listing, as a GET right after it expects. */
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
}
