package org.integrationhub.connector.jira.internal;

import java.time.Clock;
import java.util.Set;

import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/**
 * The plugin kit's connector contract, against the loopback Jira of the unit tests: the kit scripts Jira's 401, 403,
 * 429, 5xx, silence, resets and refusals on the vendor call (a ticket.created becoming an issue) and checks the
 * categories, the time limits, idempotency of a redelivered event and that no secret shows anywhere.
 */
class JiraContractTest extends IntegrationContractTest {

    private TestConfig config;

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        config = new TestConfig(remote.uri("").toString());
        new FakeJira(remote).account(config.email, config.token);
        return new JiraIntegration(context, links, config, Clock.systemUTC());
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.onEvent(sampleEvent());
    }

    @Override
    protected Set<String> secrets() {
        TestConfig c = config != null ? config : new TestConfig("http://127.0.0.1:9");
        return Set.of(c.token, c.secret);
    }
}
