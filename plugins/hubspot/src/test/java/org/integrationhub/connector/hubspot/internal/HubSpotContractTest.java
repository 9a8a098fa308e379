package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;
import org.junit.jupiter.api.AfterEach;

/**
 * The plugin kit's SPI contract against a loopback HubSpot: descriptor, error mapping of the contact lookup (the
 * call a {@code ticket.created} makes), health under failures, repeated events, and no token or secret in any output.
 */
class HubSpotContractTest extends IntegrationContractTest {

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        FakeHubSpot.answerNormally(remote);
        return new HubSpotIntegration(context, new TestConfig(remote.uri("").toString()));
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.onEvent(sampleEvent());
    }

    /**
     * The connector never writes to HubSpot: its only non-GET request is the CRM search, a POST that reads. HubSpot
     * has no idempotency key for it and needs none, so a repeated search is marked as the read it is; any other
     * write request would still fail the check.
     */
    @Override
    protected String idempotencyMarker(Recorded request) {
        return request.path().equals(FakeHubSpot.SEARCH) ? "read-only search" : request.header("Idempotency-Key");
    }

    /** Every request the connector sent in a check is one HubSpot would accept (the strict fake's rules). */
    @AfterEach
    void noRequestHubSpotWouldRefuse() {
        for (Recorded r : remote.requests()) {
            assertThat(FakeHubSpot.violations(r)).as("what HubSpot would refuse in %s", r.requestLine()).isEmpty();
        }
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TestConfig.TOKEN, TestConfig.SECRET);
    }
}
