package org.integrationhub.connector.slack.internal;

import java.time.Clock;

import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/** The SPI contract every connector passes. */
class SlackContractTest extends IntegrationContractTest {

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        return new SlackIntegration(context, new org.integrationhub.testkit.FakeLinkStore(), new TestConfig(remote.uri("/api/").toString()),
                Clock.systemUTC());
    }
}
