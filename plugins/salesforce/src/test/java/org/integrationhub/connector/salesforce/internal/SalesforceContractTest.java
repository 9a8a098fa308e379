package org.integrationhub.connector.salesforce.internal;

import java.time.Clock;
import java.util.Set;

import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/**
 * The plugin kit's connector contract, against the loopback Salesforce of the unit tests: the kit scripts 401, 403,
 * 429, 5xx, silence, resets and refusals on the vendor call (a ticket.created: token, Contact query, Case) and checks
 * the categories, the time limits, idempotency of a redelivered event and that the private key never shows.
 */
class SalesforceContractTest extends IntegrationContractTest {

    private static final String PEM = TestKeys.pkcs8Pem();

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        TestConfig config = new TestConfig(remote.uri("").toString(), PEM);
        new FakeSalesforce(TestKeys.PAIR.getPublic(), config.clientId, config.username, null, remote);
        return new SalesforceIntegration(context, links, config, Clock.systemUTC());
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.onEvent(sampleEvent());
    }

    @Override
    protected Set<String> secrets() {
        // the base64 body of the PEM, and a line of it: neither may appear anywhere
        String body = PEM.substring(PEM.indexOf('\n') + 1, PEM.indexOf("-----END")).replace("\n", "");
        return Set.of(body, PEM.split("\n")[5]);
    }
}
