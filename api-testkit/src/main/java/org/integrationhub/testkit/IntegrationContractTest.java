package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract every connector must keep, as plain JUnit 5 tests: extend it, build your connector in
 * {@link #createIntegration} against {@link #context} and {@link #remote} (the fake vendor API), and add your own
 * tests next to the inherited ones.
 *
 * @since 0.1.0
 */
public abstract class IntegrationContractTest {

    /** The platform stand-in handed to the connector. */
    protected FakeIntegrationContext context;
    /** The loopback stand-in for the vendor API. */
    protected FakeHttpServer remote;

    /**
     * @param context the fake platform
     * @param remote the fake vendor API; point the connector's base URL at {@link FakeHttpServer#uri}
     * @return a configured, activated connector instance
     */
    protected abstract IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote)
            throws Exception;

    @BeforeEach
    void startFakes() throws Exception {
        context = new FakeIntegrationContext();
        remote = FakeHttpServer.start();
    }

    @AfterEach
    void stopFakes() {
        remote.close();
        context.close();
    }

    @Test
    void descriptorIsValidAndConstant() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        IntegrationDescriptor d = integration.descriptor();
        assertThat(IntegrationDescriptor.isValidName(d.name())).as("name %s", d.name()).isTrue();
        assertThat(d.type()).isNotBlank();
        Set<String> names = new HashSet<>();
        for (ActionDescriptor a : d.actions()) {
            assertThat(a.name()).matches("[a-z][a-z0-9_]*");
            assertThat(a.description()).isNotBlank();
            assertThat(names.add(a.name())).as("duplicate action %s", a.name()).isTrue();
        }
        assertThat(integration.descriptor()).isEqualTo(d);
    }

    @Test
    void unknownActionIsAConfigurationError() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> integration.execute(new ActionRequest("no_such_action", Map.of(), "k1")));
        assertThat(e).isNotNull();
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
    }

    @Test
    void healthCheckNeverThrowsAndClassifiesADeadRemote() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        remote.close();
        HealthResult result = integration.checkHealth();
        assertThat(result).isNotNull();
        assertThat(result.status()).isNotEqualTo(org.integrationhub.spi.IntegrationStatus.ONLINE);
    }
}
