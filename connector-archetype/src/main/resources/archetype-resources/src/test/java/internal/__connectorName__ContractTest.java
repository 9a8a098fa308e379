package ${package}.internal;

import java.util.Map;
import java.util.Set;

import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.IntegrationContractTest;

/**
 * The contract every connector keeps, inherited from the test kit: a valid descriptor; vendor answers 401/403, 429
 * (with its Retry-After), 5xx, no answer, a dropped or a refused connection map to their error category; the
 * health check never throws nor shows a secret; an event delivered twice makes no second remote object; no secret
 * in toString(), health details or log lines.
 */
class ${connectorName}ContractTest extends IntegrationContractTest {

    private static final String WEBHOOK_SECRET = "contract-webhook-secret";

    @Override
    protected IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        return new ${connectorName}Integration(context,
                new TestConfig(remote.uri("/api").toString()).webhookSecret(WEBHOOK_SECRET));
    }

    /** One vendor call: the action. */
    @Override
    protected void callVendor(IntegrationInterface integration) throws IntegrationException {
        integration.execute(new ActionRequest(${connectorName}Integration.SEND_MESSAGE, Map.of("text", "contract check"),
                "contract-key"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TestConfig.TOKEN, WEBHOOK_SECRET);
    }
}
