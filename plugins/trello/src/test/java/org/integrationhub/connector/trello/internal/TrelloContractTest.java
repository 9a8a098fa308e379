package org.integrationhub.connector.trello.internal;

import java.util.Set;

import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;
import org.junit.jupiter.api.AfterEach;

/**
 * The plugin kit's SPI contract against a loopback Trello: descriptor, error mapping of the card create (the call a
 * {@code ticket.created} makes), health under failures, one card per event id, and no token or secret in any output.
 */
class TrelloContractTest extends IntegrationContractTest {

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        FakeTrello.answerNormally(remote);
        return new TrelloIntegration(context, links, new TestConfig(remote.uri("/1").toString()));
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.onEvent(sampleEvent());
    }

    /** The contract's vendor answers aside, every request must be one Trello's reference accepts. */
    @AfterEach
    void everyRequestWasAsTrelloDocumentsIt() {
        TrelloRequestRules.assertDocumented(remote.requests(), TestConfig.KEY, TestConfig.TOKEN);
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TestConfig.TOKEN, TestConfig.SECRET);
    }
}
