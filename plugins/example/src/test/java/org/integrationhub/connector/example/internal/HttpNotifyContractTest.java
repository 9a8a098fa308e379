package org.integrationhub.connector.example.internal;

import java.util.Map;
import java.util.Set;

import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/** The connector contract of the test kit, on http-notify. */
class HttpNotifyContractTest extends IntegrationContractTest {

    static final String TOKEN = "s3cret-notify-token";

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        context.withEnvironment("NOTIFY_TOKEN", TOKEN);
        return new HttpNotifyIntegration(context,
                HttpNotifyIntegrationTest.config(remote.uri("/hook").toString(), "env:NOTIFY_TOKEN"));
    }

    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.execute(new ActionRequest("notify", Map.of("text", "contract"), "k-1"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }
}
