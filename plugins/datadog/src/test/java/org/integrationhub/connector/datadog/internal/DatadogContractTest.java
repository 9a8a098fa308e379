package org.integrationhub.connector.datadog.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.HubEvent;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/** The plug-in kit's SPI contract, run on the Datadog connector against the kit's loopback server. */
class DatadogContractTest extends IntegrationContractTest {

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        remote.route("GET", DatadogClient.VALIDATE, Reply.of(200, "{\"valid\":true}"));
        remote.route("POST", DatadogClient.SERIES, Reply.of(202, "{\"errors\":[]}"));
        // no scheduled report during a check: report_now is the vendor call under test
        return new DatadogIntegration(context, new TestConfig(remote.uri("").toString()), Duration.ofHours(1));
    }

    /** Submits the gauges at once (one {@code POST /api/v2/series}). */
    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.execute(new ActionRequest(DatadogIntegration.REPORT_NOW, Map.of(), "k-1"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TestConfig.API_KEY);
    }

    /** The connector takes no ticket events. */
    @Override
    protected HubEvent sampleEvent() {
        return null;
    }

    @Override
    protected Duration timeLimit() {
        return Duration.ofSeconds(6);
    }
}
